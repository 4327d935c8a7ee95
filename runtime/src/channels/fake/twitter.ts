import type { Hono } from 'hono';
import type { FakePlatform, FakeRoutes } from './types.ts';

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The X API v2 endpoints the Twitter sender calls, answering with X's
 * response bodies: a created post (201), a DM event (201), a like and a
 * retweet (200), plus v1.1 `favorites/create` for clients that still use it.
 */
export const twitterFakeRoutes: FakeRoutes = (app: Hono, fake: FakePlatform) => {
  app.post('/2/tweets', (c) =>
    fake.handle(
      c,
      'twitter',
      (body) => {
        const id = fake.nextId();
        return { data: { id, text: field(body, 'text') ?? '', edit_history_tweet_ids: [id] } };
      },
      201,
    ),
  );
  app.post('/2/dm_conversations/with/:participant/messages', (c) => {
    const participant = c.req.param('participant');
    return fake.handle(c, 'twitter', () => ({ data: { dm_conversation_id: `${participant}-${fake.nextId()}`, dm_event_id: fake.nextId() } }), 201);
  });
  app.post('/2/users/:id/likes', (c) => fake.handle(c, 'twitter', () => ({ data: { liked: true } })));
  app.post('/2/users/:id/retweets', (c) => fake.handle(c, 'twitter', () => ({ data: { retweeted: true } })));
  app.post('/1.1/favorites/create.json', (c) =>
    fake.handle(c, 'twitter', (body) => {
      const id = field(body, 'id') ?? fake.nextId();
      return { id_str: id, favorited: true };
    }),
  );
};
