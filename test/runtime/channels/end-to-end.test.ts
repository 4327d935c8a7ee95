import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFakeRoutes } from '../../../runtime/src/channels/fake/line.ts';
import { metaFakeRoutes } from '../../../runtime/src/channels/fake/meta.ts';
import { startFakePlatforms } from '../../../runtime/src/channels/fake/server.ts';
import { twitterFakeRoutes } from '../../../runtime/src/channels/fake/twitter.ts';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';

type Fake = Awaited<ReturnType<typeof startFakePlatforms>>;

/**
 * The local demo as a test: the fake platforms send a signed webhook to the
 * running server, the sample flow runs, and its reply reaches the fake
 * platform's API over real HTTP through the real adapter.
 */
describe('a tweet in, a reply out, over real HTTP', () => {
  let dir: string;
  let fake: Fake;
  let runtime: Runtime;
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    fake = await startFakePlatforms({ routes: [metaFakeRoutes, twitterFakeRoutes, lineFakeRoutes] });
    Object.assign(process.env, {
      TWITTER_API_URL: fake.url,
      TWITTER_CONSUMER_SECRET: 'demo-consumer-secret',
      TWITTER_BRAND_ACCESS_TOKEN: 'demo-user-token',
    });
    runtime = await startRuntime({ database: join(dir, 'switchyard.db'), port: 0, seed: join(import.meta.dirname, '..', '..', '..', 'flows'), quiet: true });
  });

  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a mention of the brand handle with a public reply to that tweet', async () => {
    const tweet = {
      for_user_id: '1184239555',
      tweet_create_events: [
        {
          created_at: 'Mon Mar 02 10:00:00 +0000 2026',
          id: 1851234567890123500,
          id_str: '1851234567890123456',
          text: '@Acme my order arrived broken, this is terrible',
          truncated: false,
          in_reply_to_status_id_str: null,
          user: { id: 2244994945, id_str: '2244994945', name: 'Jane Doe', screen_name: 'jane_doe' },
          entities: { user_mentions: [{ id_str: '1184239555', screen_name: 'Acme' }] },
        },
      ],
    };
    const sent = await fetch(`${fake.url}/_fake/webhooks/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${runtime.url}/webhooks/twitter`, platform: 'twitter', secret: 'demo-consumer-secret', body: JSON.stringify(tweet) }),
    });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ status: 200 });

    let reply: { path: string; headers: Record<string, string>; body: unknown } | undefined;
    for (let i = 0; i < 100 && !reply; i++) {
      reply = fake.requests().find((request) => request.platform === 'twitter' && request.method === 'POST' && request.path === '/2/tweets');
      if (!reply) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reply?.body).toMatchObject({
      text: expect.stringContaining('@jane_doe'),
      reply: { in_reply_to_tweet_id: '1851234567890123456' },
    });
    expect(reply?.headers.authorization).toBe('Bearer demo-user-token');

    const [execution] = runtime.store.executions.list({ flowId: 'brand-engagement' });
    for (let i = 0; i < 100 && runtime.store.executions.get(execution.id)?.status !== 'completed'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runtime.store.executions.get(execution.id)?.steps.map((step) => step.port)).toEqual(['mention', 'negative', null, 'sent', 'end']);
  });
});
