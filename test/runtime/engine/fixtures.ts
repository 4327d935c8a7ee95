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
