export { twitterWebhook, crcResponseToken } from './webhook.ts';
export { createTwitterSender, type TwitterSenderOptions } from './sender.ts';
