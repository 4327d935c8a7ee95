import { lineFakeRoutes } from '../../../runtime/src/channels/fake/line.ts';
import { metaFakeRoutes } from '../../../runtime/src/channels/fake/meta.ts';
import { startFakePlatforms } from '../../../runtime/src/channels/fake/server.ts';
import { twitterFakeRoutes } from '../../../runtime/src/channels/fake/twitter.ts';

export type Fake = Awaited<ReturnType<typeof startFakePlatforms>>;

/** The sample WhatsApp account (flows/resources/accounts/acme-whatsapp.json) and the secrets its environment variables hold here. */
export const WHATSAPP_PHONE_NUMBER_ID = '106540352242922';
export const META_ENV = {
  META_APP_SECRET: 'e2e-app-secret',
  META_VERIFY_TOKEN: 'e2e-verify-token',
  WHATSAPP_ACCESS_TOKEN: 'e2e-whatsapp-token',
};

export const startFake = () => startFakePlatforms({ routes: [metaFakeRoutes, twitterFakeRoutes, lineFakeRoutes] });

/** One WhatsApp Cloud API text message, as Meta posts it to the webhook. */
export function whatsappWebhook(customer: { waId: string; name: string }, wamid: string, text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '101809759215303',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '442079460000', phone_number_id: WHATSAPP_PHONE_NUMBER_ID },
              contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
              messages: [{ from: customer.waId, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

/** Has the fake platform sign and deliver a webhook to the runtime, as Meta would; returns the runtime's status. */
export async function deliverWhatsapp(fake: Fake, runtimeUrl: string, body: string): Promise<number> {
  const sent = await fetch(`${fake.url}/_fake/webhooks/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${runtimeUrl}/webhooks/whatsapp`, platform: 'meta', secret: META_ENV.META_APP_SECRET, body }),
  });
  if (sent.status !== 200) throw new Error(`the fake platform could not send the webhook: ${sent.status} ${await sent.text()}`);
  return ((await sent.json()) as { status: number }).status;
}

/** Waits (without a deadline of its own: the test's timeout is the limit) until `probe` returns something. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A JSON call to the runtime with a bearer token; throws on a non-2xx answer. */
export function apiClient(base: () => string) {
  return async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(base() + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}
