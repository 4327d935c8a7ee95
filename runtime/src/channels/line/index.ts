export { createLineWebhook, lineWebhook, type LineWebhookOptions } from './webhook.ts';
export { createLineSender, LINE_TEXT_MAX, type LineSenderOptions } from './sender.ts';
