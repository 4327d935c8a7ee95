import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakePlatforms } from '../../../../runtime/src/channels/fake/server.ts';
import { sendWebhook, webhookSignature, type WebhookPlatform } from '../../../../runtime/src/channels/fake/webhook-sender.ts';
import { hmacMatches } from '../../../../runtime/src/channels/signature.ts';

const SECRET = 'fake-app-secret';

/** How each platform's receiver reads the signature header: its name, its prefix, its encoding. */
const RECEIVERS: Record<WebhookPlatform, { header: string; prefix: string; encoding: 'hex' | 'base64' }> = {
  meta: { header: 'x-hub-signature-256', prefix: 'sha256=', encoding: 'hex' },
  twitter: { header: 'x-twitter-webhooks-signature', prefix: 'sha256=', encoding: 'base64' },
  line: { header: 'x-line-signature', prefix: '', encoding: 'base64' },
};

/** A receiver checking signatures over the raw bytes, as the runtime's webhook routes do. */
function receiver(): Hono {
  const app = new Hono();
  app.post('/webhooks/:platform', async (c) => {
    const scheme = RECEIVERS[c.req.param('platform') as WebhookPlatform];
    const raw = Buffer.from(await c.req.arrayBuffer());
    const claimed = c.req.header(scheme.header) ?? '';
    const valid = claimed.startsWith(scheme.prefix) && hmacMatches(raw, SECRET, claimed.slice(scheme.prefix.length), scheme.encoding);
    return valid ? c.json({ received: raw.toString('utf8') }) : c.json({ error: 'bad signature' }, 401);
  });
  return app;
}

describe('webhookSignature', () => {
  it('reproduces LINE’s official vector (line-bot-sdk-nodejs)', () => {
    expect(webhookSignature('line', 'test_secret', '{"hello":"world"}')).toEqual({
      header: 'x-line-signature',
      value: 't7Hn4ZDHqs6e+wdvI5TyQIvzie0DmMUmuXEBqyyE/tM=',
    });
  });

  it('signs Meta as sha256=<hex> and Twitter as sha256=<base64>', () => {
    expect(webhookSignature('meta', SECRET, '{}').value).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(webhookSignature('twitter', SECRET, '{}').value).toMatch(/^sha256=[A-Za-z0-9+/]{43}=$/);
  });
});

describe('sending webhooks', () => {
  let server: ServerType;
  let url: string;
  beforeAll(async () => {
    url = await new Promise<string>((resolve) => {
      server = serve({ fetch: receiver().fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Escapes and spacing a re-serialization would change: the bytes must arrive as given.
  const body = '{"entry": [{"text":"caf\\u00e9 \u2615", "id": 12345678901234567890}]}';

  for (const platform of ['meta', 'twitter', 'line'] as const) {
    it(`signs a ${platform} webhook so the receiver accepts it, byte for byte`, async () => {
      const answer = await sendWebhook({ url: `${url}/webhooks/${platform}`, platform, secret: SECRET, body });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ received: body });
    });
  }

  it('is refused when signed with another secret', async () => {
    const answer = await sendWebhook({ url: `${url}/webhooks/meta`, platform: 'meta', secret: 'not-the-secret', body });
    expect(answer.status).toBe(401);
  });

  it('is what POST /_fake/webhooks/send does, returning the runtime’s status and body', async () => {
    const { app } = createFakePlatforms({ routes: [] });
    const send = (request: unknown) => app.request('/_fake/webhooks/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const accepted = await send({ url: `${url}/webhooks/twitter`, platform: 'twitter', secret: SECRET, body });
    expect(accepted.status).toBe(200);
    const answer = (await accepted.json()) as { status: number; body: string };
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ received: body });

    const refused = (await (await send({ url: `${url}/webhooks/line`, platform: 'line', secret: 'wrong', body })).json()) as { status: number };
    expect(refused.status).toBe(401);

    const bad = await send({ url: `${url}/webhooks/line`, platform: 'whatsapp', secret: SECRET, body });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ pointer: '/platform' });
    expect((await send({ url: `${url}/webhooks/line`, platform: 'line', secret: SECRET, body: { not: 'a string' } })).status).toBe(400);

    const unreachable = await send({ url: 'http://127.0.0.1:1/webhooks/line', platform: 'line', secret: SECRET, body });
    expect(unreachable.status).toBe(502);
  });
});
