import type { Hono } from 'hono';
import type { FakePlatform, FakeRoutes } from './types.ts';

/**
 * The LINE Messaging API endpoints the LINE sender calls, answering as LINE
 * does: `{"sentMessages":[{"id","quoteToken"}]}`, one per message sent.
 */
export const lineFakeRoutes: FakeRoutes = (app: Hono, fake: FakePlatform) => {
  const sentMessages = (body: unknown) => {
    const messages = typeof body === 'object' && body !== null ? (body as { messages?: unknown }).messages : undefined;
    const count = Array.isArray(messages) ? Math.max(1, messages.length) : 1;
    return {
      sentMessages: Array.from({ length: count }, () => {
        const id = fake.nextId();
        return { id, quoteToken: `q${Buffer.from(id).toString('base64url')}` };
      }),
    };
  };
  app.post('/v2/bot/message/reply', (c) => fake.handle(c, 'line', sentMessages));
  app.post('/v2/bot/message/push', (c) => fake.handle(c, 'line', sentMessages));
};
