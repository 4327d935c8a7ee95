import { afterEach, describe, expect, it } from 'vitest';
import { createFakePlatforms, startFakePlatforms, type RunningFakePlatforms } from '../../../../runtime/src/channels/fake/server.ts';
import type { RecordedRequest } from '../../../../runtime/src/channels/fake/types.ts';
import { lineRoutes, tweetRoutes } from './routes.ts';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('createFakePlatforms', () => {
  const fake = () => createFakePlatforms({ routes: [tweetRoutes, lineRoutes] });

  it('answers a platform call with the route module’s success JSON, and records it', async () => {
    const { app } = fake();
    const response = await app.request('/2/tweets?expansions=author_id', { ...json({ text: 'Thanks!' }), headers: { 'content-type': 'application/json', authorization: 'Bearer t' } });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { data: { id: string; text: string } };
    expect(created.data).toMatchObject({ text: 'Thanks!' });
    expect(created.data.id).toMatch(/^\d{19}$/);

    const listed = await app.request('/_fake/requests?platform=twitter');
    const { requests } = (await listed.json()) as { requests: RecordedRequest[] };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      platform: 'twitter',
      method: 'POST',
      path: '/2/tweets',
      query: { expansions: 'author_id' },
      body: { text: 'Thanks!' },
      status: 201,
    });
    expect(requests[0].headers.authorization).toBe('Bearer t');
    expect(requests[0].fault).toBeUndefined();
    expect(Date.parse(requests[0].at)).not.toBeNaN();
  });

  it('filters recorded requests by platform and clears them', async () => {
    const { app, requests } = fake();
    await app.request('/2/tweets', json({ text: 'a' }));
    await app.request('/v2/bot/message/reply', json({ replyToken: 'r', messages: [] }));
    expect(requests().map((request) => request.platform)).toEqual(['twitter', 'line']);
    const line = (await (await app.request('/_fake/requests?platform=line')).json()) as { requests: RecordedRequest[] };
    expect(line.requests.map((request) => request.path)).toEqual(['/v2/bot/message/reply']);
    expect((await app.request('/_fake/requests?platform=myspace')).status).toBe(400);

    expect((await app.request('/_fake/requests', { method: 'DELETE' })).status).toBe(204);
    expect(requests()).toEqual([]);
  });

  it('fails the next `count` matching requests with a 500 and a JSON error, then recovers', async () => {
    const { app, requests } = fake();
    const queued = await app.request('/_fake/faults', json({ platform: 'twitter', path: '/2/tweets', kind: 'error', count: 2 }));
    expect(queued.status).toBe(201);
    await app.request('/v2/bot/message/reply', json({}));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request('/2/tweets', json({ text: `try ${i}` }))).status);
    expect(statuses).toEqual([500, 500, 201]);
    const failed = await app.request('/2/tweets', json({}));
    expect(failed.status).toBe(201);
    expect(requests('twitter').map((request) => [request.status, request.fault])).toEqual([
      [500, 'error'],
      [500, 'error'],
      [201, undefined],
      [201, undefined],
    ]);
    expect(requests('line')[0].status).toBe(200);
  });

  it('gives a 500 fault a JSON body and honours a chosen status', async () => {
    const { app, fail } = fake();
    fail({ platform: 'twitter', kind: 'error', count: 1, status: 503 });
    const response = await app.request('/2/tweets', json({}));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { message: 'fake platform: injected error', code: 503 } });
  });

  it('matches a fault by path prefix, and leaves other paths alone', async () => {
    const { app } = fake();
    await app.request('/_fake/faults', json({ platform: 'twitter', path: '/2/users', kind: 'error', count: 1 }));
    expect((await app.request('/2/tweets', json({}))).status).toBe(201);
    expect((await app.request('/2/users/1/likes', json({ tweet_id: '9' }))).status).toBe(500);
    expect((await app.request('/2/users/1/likes', json({ tweet_id: '9' }))).status).toBe(200);
  });

  it('rate-limits with a 429 and a Retry-After header', async () => {
    const { app, requests } = fake();
    await app.request('/_fake/faults', json({ platform: 'line', kind: 'rate-limit', count: 1, retryAfterSeconds: 7 }));
    const limited = await app.request('/v2/bot/message/reply', json({}));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(requests('line')[0]).toMatchObject({ status: 429, fault: 'rate-limit' });
    expect((await app.request('/v2/bot/message/reply', json({}))).status).toBe(200);
  });

  it('forgets queued faults on DELETE /_fake/faults', async () => {
    const { app } = fake();
    await app.request('/_fake/faults', json({ platform: 'twitter', kind: 'error', count: 5 }));
    expect((await app.request('/_fake/faults', { method: 'DELETE' })).status).toBe(204);
    expect((await app.request('/2/tweets', json({}))).status).toBe(201);
  });

  it('rejects a bad fault with the pointer of the bad field', async () => {
    const { app } = fake();
    const bad = async (body: unknown) => {
      const response = await app.request('/_fake/faults', json(body));
      expect(response.status).toBe(400);
      return ((await response.json()) as { pointer: string }).pointer;
    };
    expect(await bad({ platform: 'myspace', kind: 'error', count: 1 })).toBe('/platform');
    expect(await bad({ platform: 'twitter', kind: 'explode', count: 1 })).toBe('/kind');
    expect(await bad({ platform: 'twitter', kind: 'error', count: 0 })).toBe('/count');
    expect(await bad({ platform: 'twitter', kind: 'error', count: 1, path: 'tweets' })).toBe('/path');
    expect(await bad({ platform: 'twitter', kind: 'error', count: 1, status: 200 })).toBe('/status');
    expect(await bad({ platform: 'twitter', kind: 'rate-limit', count: 1, retryAfterSeconds: -1 })).toBe('/retryAfterSeconds');
    expect((await app.request('/_fake/faults', { method: 'POST', body: 'nope' })).status).toBe(400);
  });

  it('answers an unknown path with a JSON 404', async () => {
    const response = await fake().app.request('/1.1/statuses/update.json', json({}));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no fake platform route for POST /1.1/statuses/update.json' });
  });

  it('records form bodies as fields', async () => {
    const { app, requests } = fake();
    await app.request('/2/tweets', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=hi&reply=1' });
    expect(requests()[0].body).toEqual({ text: 'hi', reply: '1' });
  });
});

describe('startFakePlatforms', () => {
  let running: RunningFakePlatforms | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves over real HTTP on loopback', async () => {
    running = await startFakePlatforms({ port: 0, host: '127.0.0.1', routes: [tweetRoutes] });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${running.url}/2/tweets`, json({ text: 'over the wire' }));
    expect(response.status).toBe(201);
    expect(running.requests()).toHaveLength(1);
    running.clear();
    expect(running.requests()).toEqual([]);
  });

  it('holds a timed-out request open until the client gives up, and still closes at once', async () => {
    running = await startFakePlatforms({ port: 0, host: '127.0.0.1', routes: [tweetRoutes] });
    await fetch(`${running.url}/_fake/faults`, json({ platform: 'twitter', kind: 'timeout', count: 1 }));
    const startedAt = Date.now();
    await expect(fetch(`${running.url}/2/tweets`, { ...json({ text: 'hello?' }), signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|abort/i);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect(running.requests()[0]).toMatchObject({ status: 0, fault: 'timeout', body: { text: 'hello?' } });
    // The next one is answered again.
    expect((await fetch(`${running.url}/2/tweets`, json({ text: 'again' }))).status).toBe(201);

    // A request still held when the server closes does not keep close() waiting.
    running.fail({ platform: 'twitter', kind: 'timeout', count: 1 });
    const pending = fetch(`${running.url}/2/tweets`, json({})).catch((error: unknown) => error);
    while (running.requests().length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    const closing = Date.now();
    await running.close();
    running = undefined;
    expect(Date.now() - closing).toBeLessThan(1000);
    await pending;
  });
});
