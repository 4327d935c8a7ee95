import { PRIVATE_ONLY_CHANNELS } from '../../../../schemas/blocks/auto-reply.ts';
import type { Channel, InboundMessage, MessageKind } from '../../../../schemas/message.ts';

/** What the test form edits; `buildMessage` turns it into the normalized inbound message the simulate API takes. */
export interface SampleMessage {
  channel: Channel;
  visibility: 'public' | 'private';
  kind: MessageKind;
  /** One of the flow's trigger accounts; the first when empty or no longer listed. */
  account: string;
  author: { id: string; handle: string; name: string };
  text: string;
  /** `datetime-local` value (the analyst's local time); empty means now. */
  at: string;
}

export const EMPTY_SAMPLE: SampleMessage = {
  channel: 'twitter',
  visibility: 'public',
  kind: 'mention',
  account: '',
  author: { id: '1001', handle: 'sample_customer', name: 'Sam Customer' },
  text: '',
  at: '',
};

export interface Preset {
  name: string;
  sample: SampleMessage;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'Billing tweet',
    sample: {
      ...EMPTY_SAMPLE,
      author: { id: '2244994945', handle: 'jane_doe', name: 'Jane Doe' },
      text: '@AcmeCare I was charged twice on my last invoice, can you help?',
    },
  },
  {
    name: 'Messenger message',
    sample: {
      ...EMPTY_SAMPLE,
      channel: 'messenger',
      visibility: 'private',
      kind: 'message',
      author: { id: '6754321098765432', handle: '', name: 'Marco Rossi' },
      text: 'Hi, my parcel has not arrived yet. Can someone help me?',
    },
  },
  {
    name: 'WhatsApp order question',
    sample: {
      ...EMPTY_SAMPLE,
      channel: 'whatsapp',
      visibility: 'private',
      kind: 'message',
      author: { id: '15551234567', handle: '', name: 'Priya Shah' },
      text: 'Where is my order A-10234? It was due yesterday.',
    },
  },
  {
    name: 'Positive mention',
    sample: {
      ...EMPTY_SAMPLE,
      author: { id: '783214', handle: 'happy_hal', name: 'Hal Green' },
      text: '@AcmeCare thank you so much, your team was amazing today! Love it',
    },
  },
];

/** Channels with no public side force a private message; it arrives as a `message`. */
export function withChannel(sample: SampleMessage, channel: Channel): SampleMessage {
  if (!PRIVATE_ONLY_CHANNELS.includes(channel)) return { ...sample, channel };
  return { ...sample, channel, visibility: 'private', kind: 'message' };
}

/** `datetime-local` text (local time) → ISO date-time, or undefined for "now" or unreadable text. */
export function clockTimeToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function replyTargetKind(sample: SampleMessage): NonNullable<InboundMessage['replyTarget']>['kind'] {
  if (sample.channel === 'twitter' && sample.visibility === 'public') return 'tweet';
  if (sample.channel === 'facebook') return sample.kind === 'post' ? 'post' : 'comment';
  if (sample.channel === 'line') return 'reply-token';
  return 'message';
}

/** The inbound message for a run: the account chosen (or the flow's first), a fresh platform id, a reply target like the channel's. */
export function buildMessage(sample: SampleMessage, accounts: readonly string[], platformMessageId: string): InboundMessage {
  const account = accounts.includes(sample.account) ? sample.account : (accounts[0] ?? sample.account);
  const author: InboundMessage['author'] = { id: sample.author.id.trim() || 'sample-author' };
  if (sample.author.handle.trim()) author.handle = sample.author.handle.trim();
  if (sample.author.name.trim()) author.name = sample.author.name.trim();
  return {
    channel: sample.channel,
    visibility: sample.visibility,
    kind: sample.kind,
    account,
    author,
    text: sample.text,
    replyTarget: { kind: replyTargetKind(sample), id: platformMessageId },
    platformMessageId,
  };
}

export function newPlatformMessageId(): string {
  return `simulated-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
