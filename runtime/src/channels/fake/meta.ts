import type { Context, Hono } from 'hono';
import type { FakePlatform, FakeRoutes } from './types.ts';

/**
 * The Graph API endpoints the Meta senders call, with Meta's response bodies:
 * comment replies and likes (Page feed), the Send API (Messenger and private
 * replies) and WhatsApp Cloud API messages. Served with and without a version
 * prefix (`/v25.0/…`), since a base URL may carry one.
 */
export const metaFakeRoutes: FakeRoutes = (app: Hono, fake: FakePlatform) => {
  for (const prefix of ['/:version{v[0-9]+\\.[0-9]+}', '']) {
    app.post(`${prefix}/:id/comments`, (c) => {
      const on = c.req.param('id');
      // A comment id is "<post id>_<comment id>".
      const post = on.includes('_') ? on.slice(0, on.indexOf('_')) : on;
      return fake.handle(c, 'facebook', () => ({ id: `${post}_${fake.nextId()}` }));
    });
    app.post(`${prefix}/:id/likes`, (c) => fake.handle(c, 'facebook', () => ({ success: true })));
    app.post(`${prefix}/:id/messages`, async (c) => {
      const body = await peekJson(c);
      if (body.messaging_product === 'whatsapp') {
        return fake.handle(c, 'whatsapp', () => {
          const to = typeof body.to === 'string' ? body.to : typeof body.recipient === 'string' ? body.recipient : '';
          return {
            messaging_product: 'whatsapp',
            contacts: [{ input: to, wa_id: to }],
            messages: [{ id: `wamid.${Buffer.from(`fake-${fake.nextId()}`).toString('base64')}` }],
          };
        });
      }
      const recipient = typeof body.recipient === 'object' && body.recipient !== null ? (body.recipient as Record<string, unknown>) : {};
      return fake.handle(c, 'messenger', () => ({
        // A private reply to a comment answers with the commenter's new PSID.
        recipient_id: typeof recipient.id === 'string' ? recipient.id : fake.nextId(),
        message_id: `m_${fake.nextId()}`,
      }));
    });
  }
};

/** The JSON body, read from a copy so the shared handler can still read and record it. */
async function peekJson(c: Context): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = await c.req.raw.clone().json();
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
