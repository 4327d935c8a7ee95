import { useCallback, useEffect, useState } from 'react';
import { engagementsFor, hasPublicSide, type Engagement } from '../../../schemas/channel-capabilities.ts';
import type { Disposition, Queue, StandardResponse } from '../../../schemas/resources/index.ts';
import { errorText } from '../api/client.ts';
import {
  closeInteraction,
  contactHistory,
  engage,
  chronological,
  getInteraction,
  moveToPrivate,
  reply,
  transfer,
  type ContactHistory,
  type InteractionDetail,
} from './api.ts';
import { ContactPanel } from './ContactPanel.tsx';
import { ConversationActions, ENGAGEMENT_LABELS } from './ConversationActions.tsx';
import { authorOf, time, type AgentNames } from './format.ts';
import { FlagList, MessageList } from './MessageList.tsx';
import { ReplyBox, type Visibility } from './ReplyBox.tsx';

export interface ConversationProps {
  interactionId: string;
  agentId: string;
  /** Display names of the agents, for who sent each reply. */
  agentNames: AgentNames;
  responses: StandardResponse[];
  dispositions: Disposition[];
  queues: Queue[];
  /** The interaction left the desk (closed or transferred). */
  onDone(interactionId: string): void;
}

/** The interaction and its contact's history, loaded again after every action. */
function useConversation(interactionId: string) {
  const [detail, setDetail] = useState<InteractionDetail | null>(null);
  const [history, setHistory] = useState<ContactHistory | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    getInteraction(interactionId, controller.signal).then(
      (loaded) => {
        setDetail(loaded);
        setLoadError(null);
        const contactId = loaded.interaction.contactId;
        if (contactId) {
          contactHistory(contactId, controller.signal).then(setHistory, (cause: unknown) => {
            if (!controller.signal.aborted) setLoadError(`Cannot load the contact's history: ${errorText(cause)}`);
          });
        }
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(`Cannot load the conversation: ${errorText(cause)}`);
      },
    );
    return () => controller.abort();
  }, [interactionId, generation]);

  return { detail, history, loadError, reload };
}

/** One assigned interaction: the messages in and out, the reply box, the actions, and the contact with their history. */
export function Conversation({ interactionId, agentId, agentNames, responses, dispositions, queues, onDone }: ConversationProps) {
  const { detail, history, loadError, reload } = useConversation(interactionId);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<Visibility | null>(null);

  if (!detail) {
    return loadError ? (
      <p className="banner banner--error" role="alert">
        {loadError}
      </p>
    ) : (
      <p className="desk__empty">Loading the conversation…</p>
    );
  }

  const { interaction } = detail;
  const channel = interaction.channel;
  const publicSide = hasPublicSide(channel);
  const sendAs = publicSide ? (visibility ?? interaction.visibility) : 'private';
  const messages = chronological(detail.messages);
  const latestIn = [...messages].reverse().find((message) => message.direction === 'in');
  // Likes and retweets answer the customer's latest post, and only a public one.
  const engagements = latestIn ? engagementsFor(channel, latestIn.message.visibility ?? 'public') : [];
  const usable = responses.filter((response) => !response.channels || (response.channels as readonly string[]).includes(channel));

  const act = async (what: string, action: () => Promise<unknown>, after: 'reload' | 'done' = 'reload') => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(what);
      if (after === 'done') onDone(interactionId);
      else reload();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  const send = () =>
    act(`Reply sent (${sendAs}).`, async () => {
      await reply(interactionId, text, sendAs, agentId);
      setText('');
    });
  const onEngage = (engagement: Engagement) => act(ENGAGEMENT_LABELS[engagement].done, () => engage(interactionId, engagement));
  const onMoveToPrivate = () =>
    act('Moved to private: the invitation was posted publicly.', async () => {
      await moveToPrivate(interactionId, text.trim() || undefined, agentId);
      setText('');
      setVisibility(null);
    });

  return (
    <div className="convo" data-interaction={interactionId} data-channel={channel}>
      <section className="convo__main">
        <header className="convo__head">
          <div>
            <h2 className="convo__title">{history?.contact.name ?? authorOf(latestIn ?? messages[0]!, agentNames)}</h2>
            <p className="desk__muted">
              <span className="desk__tag">{channel}</span> <span className="desk__tag">{interaction.visibility}</span> queue <code>{interaction.queue ?? '—'}</code> · account <code>{interaction.account}</code> · since {time(interaction.createdAt)}
            </p>
          </div>
        </header>

        <FlagList flags={interaction.flags} />
        <MessageList messages={messages} agentNames={agentNames} />

        {error && (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        )}
        {notice && !error && (
          <p className="convo__notice" role="status">
            {notice}
          </p>
        )}

        <ReplyBox text={text} onText={setText} sendAs={sendAs} onVisibility={publicSide ? setVisibility : null} responses={usable} busy={busy} onSend={() => void send()} />

        <ConversationActions
          engagements={engagements}
          canMoveToPrivate={publicSide && interaction.visibility === 'public'}
          queueId={interaction.queue}
          queues={queues}
          dispositions={dispositions}
          busy={busy}
          onEngage={(engagement) => void onEngage(engagement)}
          onMoveToPrivate={() => void onMoveToPrivate()}
          onTransfer={(queueId) => void act(`Transferred to ${queueId}.`, () => transfer(interactionId, queueId), 'done')}
          onClose={(disposition) => void act('Closed.', () => closeInteraction(interactionId, disposition), 'done')}
        />
      </section>

      <ContactPanel interactionId={interactionId} contactId={interaction.contactId} history={history} loadError={loadError} agentNames={agentNames} />
    </div>
  );
}
