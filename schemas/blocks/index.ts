import type { AnyBlockDefinition, ConfigFromSchema } from '../block.ts';
import { autoReply } from './auto-reply.ts';
import { decision } from './decision.ts';
import { emergency } from './emergency.ts';
import { end } from './end.ts';
import { facebookTrigger } from './facebook-trigger.ts';
import { favorite } from './favorite.ts';
import { httpRequest } from './http-request.ts';
import { identifyContact } from './identify-contact.ts';
import { keywordRouter } from './keyword-router.ts';
import { like } from './like.ts';
import { messagingTrigger } from './messaging-trigger.ts';
import { operatingHours } from './operating-hours.ts';
import { personalize } from './personalize.ts';
import { retweet } from './retweet.ts';
import { routeToQueue } from './route-to-queue.ts';
import { sentiment } from './sentiment.ts';
import { setData } from './set-data.ts';
import { specialDay } from './special-day.ts';
import { twitterTrigger } from './twitter-trigger.ts';

/** Every block Switchyard knows, by type. The runtime's executor map is typed over these keys. */
export const blocks = {
  'twitter-trigger': twitterTrigger,
  'facebook-trigger': facebookTrigger,
  'messaging-trigger': messagingTrigger,
  'keyword-router': keywordRouter,
  'identify-contact': identifyContact,
  'special-day': specialDay,
  'operating-hours': operatingHours,
  emergency,
  'auto-reply': autoReply,
  like,
  retweet,
  favorite,
  sentiment,
  personalize,
  'set-data': setData,
  decision,
  'http-request': httpRequest,
  'route-to-queue': routeToQueue,
  end,
} as const;

export type BlockType = keyof typeof blocks;
export type ConfigOf<T extends BlockType> = ConfigFromSchema<(typeof blocks)[T]['configSchema']>;

export function isBlockType(type: string): type is BlockType {
  return Object.hasOwn(blocks, type);
}

export function blockDefinition(type: string): AnyBlockDefinition | undefined {
  return isBlockType(type) ? (blocks[type] as AnyBlockDefinition) : undefined;
}
