import { createHmac } from 'node:crypto';

/** The signature schemes platforms sign their webhooks with (Meta covers Facebook, Messenger and WhatsApp). */
export const WEBHOOK_PLATFORMS = ['meta', 'twitter', 'line'] as const;
export type WebhookPlatform = (typeof WEBHOOK_PLATFORMS)[number];

const SCHEMES: Record<WebhookPlatform, { header: string; encoding: 'hex' | 'base64'; prefix: string }> = {
  meta: { header: 'x-hub-signature-256', encoding: 'hex', prefix: 'sha256=' },
  twitter: { header: 'x-twitter-webhooks-signature', encoding: 'base64', prefix: 'sha256=' },
  line: { header: 'x-line-signature', encoding: 'base64', prefix: '' },
};

/** The header a platform would sign `body` with: HMAC-SHA256 of the exact bytes, under the app's secret. */
export function webhookSignature(platform: WebhookPlatform, secret: string, body: string | Uint8Array): { header: string; value: string } {
  const { header, encoding, prefix } = SCHEMES[platform];
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { header, value: prefix + createHmac('sha256', secret).update(bytes).digest(encoding) };
}

export interface WebhookDelivery {
  url: string;
  platform: WebhookPlatform;
  secret: string;
  /** Sent byte for byte (UTF-8): the signature covers exactly these bytes. */
  body: string;
  /** Extra headers, or overrides (a test sending a wrong signature sets the signature header itself). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface WebhookAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/** POSTs a correctly signed webhook, as the platform would, and returns what the receiver answered. */
export async function sendWebhook(delivery: WebhookDelivery): Promise<WebhookAnswer> {
  const bytes = Buffer.from(delivery.body, 'utf8');
  const signature = webhookSignature(delivery.platform, delivery.secret, bytes);
  const response = await fetch(delivery.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signature.header]: signature.value, ...delivery.headers },
    body: bytes,
    signal: delivery.signal,
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? undefined };
}
