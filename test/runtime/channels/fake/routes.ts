import type { FakeRoutes } from '../../../../runtime/src/channels/fake/types.ts';

/** Small stand-ins for the platform route modules: enough API to exercise the shell. */
export const tweetRoutes: FakeRoutes = (app, fake) => {
  app.post('/2/tweets', (c) =>
    fake.handle(
      c,
      'twitter',
      (body) => ({ data: { id: fake.nextId(), text: typeof body === 'object' && body !== null && 'text' in body ? body.text : undefined } }),
      201,
    ),
  );
  app.post('/2/users/:id/likes', (c) => fake.handle(c, 'twitter', () => ({ data: { liked: true } })));
};

export const lineRoutes: FakeRoutes = (app, fake) => {
  app.post('/v2/bot/message/reply', (c) => fake.handle(c, 'line', () => ({ sentMessages: [{ id: fake.nextId() }] })));
};
