import type { Resource, ResourceKind } from '../../schemas/resources/index.ts';
import type {
  ContactView,
  ConversationView,
  PlatformAction,
  QueueRequest,
  RunContext,
  RunServices,
  StoredMessage,
} from '../../runtime/src/engine/types.ts';
import type { InboundMessage } from '../../schemas/message.ts';

/**
 * Services for calling one executor in a unit test: resources from a list,
 * contacts in memory, actions and routes recorded. Flow-level tests use the
 * real store and runner instead.
 */
export interface TestServices extends RunServices {
  actions: PlatformAction[];
  routes: QueueRequest[];
  contactsByIdentity: Map<string, ContactView>;
}

export function testServices(options: { resources?: Resource[]; now?: string | Date; fetch?: typeof fetch; dryRun?: boolean } = {}): TestServices {
  const resources = new Map<string, Resource>();
  for (const resource of options.resources ?? []) resources.set(`${resource.kind}:${resource.id}`, resource);
  const now = options.now ? new Date(options.now) : new Date('2026-03-02T10:00:00Z');
  const actions: PlatformAction[] = [];
  const routes: QueueRequest[] = [];
  const contactsByIdentity = new Map<string, ContactView>();
  let counter = 0;
  return {
    now: () => now,
    dryRun: options.dryRun ?? false,
    actions,
    routes,
    contactsByIdentity,
    resources: {
      get: <K extends ResourceKind>(kind: K, id: string) => resources.get(`${kind}:${id}`) as never,
    },
    contacts: {
      identify(message, { createIfMissing }) {
        const key = `${message.channel}:${message.author.id}`;
        const known = contactsByIdentity.get(key);
        if (known) {
          const conversation: ConversationView = { id: `conv-${key}`, isNew: false };
          return { contact: { ...known, isNew: false }, conversation, matchedBy: 'identity' };
        }
        if (!createIfMissing) return {};
        const contact: ContactView = { id: `contact-${++counter}`, name: message.author.name, attributes: {}, isNew: true };
        contactsByIdentity.set(key, contact);
        return { contact, conversation: { id: `conv-${key}`, isNew: true } };
      },
      stats: () => ({ recentInteractions: 0, pendingInteractions: 0 }),
    },
    enqueueAction(action) {
      actions.push(action);
      return `action-${actions.length}`;
    },
    route(request) {
      routes.push(request);
    },
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in unit tests'))),
  };
}

export function testMessage(overrides: Partial<InboundMessage> = {}): StoredMessage {
  return {
    id: 'msg-1',
    channel: 'twitter',
    visibility: 'public',
    kind: 'mention',
    account: 'acme-twitter',
    author: { id: '12345', handle: 'jane', name: 'Jane Doe' },
    text: 'Hello @acme',
    platformMessageId: '1790000000000000001',
    receivedAt: '2026-03-02T10:00:00Z',
    ...overrides,
  } as StoredMessage;
}

export function testContext(overrides: Partial<RunContext> = {}, message: Partial<InboundMessage> = {}): RunContext {
  return {
    flow: { id: 'test-flow', version: 1 },
    message: testMessage(message),
    routing: { priority: 50, skills: [] },
    vars: {},
    ...overrides,
  };
}
