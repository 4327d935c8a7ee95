import { lineWebhook } from './line/index.ts';
import { facebookWebhook, whatsappWebhook } from './meta/index.ts';
import { twitterWebhook } from './twitter/index.ts';
import type { WebhookAdapter } from './types.ts';

/** Every platform's webhook adapter, mounted under /webhooks/<path>. */
export const webhookAdapters: WebhookAdapter[] = [facebookWebhook, whatsappWebhook, twitterWebhook, lineWebhook];
