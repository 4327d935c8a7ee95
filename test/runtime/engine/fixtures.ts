import type { Flow } from '../../../schemas/flow.ts';
import type { Resource } from '../../../schemas/resources/index.ts';

export const accounts: Resource[] = [
  { kind: 'account', id: 'acme-twitter', name: '@Acme', channel: 'twitter', platformId: '1' },
  { kind: 'account', id: 'acme-whatsapp', name: 'Acme WhatsApp', channel: 'whatsapp', platformId: '2' },
];

/** twitter trigger → keyword router → (billing: set-data → end | default: end). */
export const routerFlow: Flow = {
  id: 'router',
  name: 'Keyword routing',
  trigger: { accounts: ['acme-twitter'] },
  nodes: [
    { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
    { id: 'route', type: 'keyword-router', version: 1, config: { rules: [{ port: 'billing', keywords: ['invoice', 'refund'] }] } },
    { id: 'tag', type: 'set-data', version: 1, config: { assignments: [{ name: 'topic', value: 'billing for {{ message.author.handle }}' }] } },
    { id: 'done', type: 'end', version: 1, config: {} },
  ],
  edges: [
    { from: 'start', port: 'mention', to: 'route' },
    { from: 'start', port: 'reply', to: 'route' },
    { from: 'start', port: 'dm', to: 'route' },
    { from: 'route', port: 'billing', to: 'tag' },
    { from: 'route', port: 'default', to: 'done' },
    { from: 'tag', port: 'out', to: 'done' },
  ],
};

export function tweet(text: string, id: string, author = '42') {
  return {
    channel: 'twitter' as const,
    visibility: 'public' as const,
    kind: 'mention' as const,
    account: 'acme-twitter',
    author: { id: author, handle: `user${author}`, name: `User ${author}` },
    text,
    platformMessageId: id,
  };
}

/** twitter trigger → auto-reply (retried) → sent: tag "sent" | failed: tag "failed" → end. */
export function replyFlow(retryForSeconds: number): Flow {
  return {
    id: 'reply',
    name: 'Reply with retry',
    trigger: { accounts: ['acme-twitter'] },
    nodes: [
      { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
      { id: 'reply', type: 'auto-reply', version: 1, config: { text: 'Thanks @{{ message.author.handle }}!', retryForSeconds } },
      { id: 'ok', type: 'set-data', version: 1, config: { assignments: [{ name: 'outcome', value: 'sent' }] } },
      { id: 'ko', type: 'set-data', version: 1, config: { assignments: [{ name: 'outcome', value: 'failed' }] } },
      { id: 'done', type: 'end', version: 1, config: {} },
    ],
    edges: [
      { from: 'start', port: 'mention', to: 'reply' },
      { from: 'start', port: 'reply', to: 'reply' },
      { from: 'start', port: 'dm', to: 'reply' },
      { from: 'reply', port: 'sent', to: 'ok' },
      { from: 'reply', port: 'failed', to: 'ko' },
      { from: 'ok', port: 'out', to: 'done' },
      { from: 'ko', port: 'out', to: 'done' },
    ],
  };
}
