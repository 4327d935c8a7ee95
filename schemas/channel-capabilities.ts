import { PRIVATE_ONLY_CHANNELS } from './blocks/auto-reply.ts';
import { FAVORITE_CHANNELS } from './blocks/favorite.ts';
import { LIKE_CHANNELS } from './blocks/like.ts';
import { RETWEET_CHANNELS } from './blocks/retweet.ts';
import type { Channel } from './message.ts';

/**
 * What each channel lets us do, gathered from the blocks that do it, so the
 * runtime's checks and the desk's buttons never disagree.
 */

export const ENGAGEMENTS = ['like', 'retweet', 'favorite'] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];

/** Where each engagement exists (on public posts only). */
export const ENGAGEMENT_CHANNELS: Record<Engagement, readonly Channel[]> = {
  like: LIKE_CHANNELS,
  retweet: RETWEET_CHANNELS,
  favorite: FAVORITE_CHANNELS,
};

const includes = (list: readonly string[], channel: string): boolean => list.includes(channel);

/** False for channels with no public side (WhatsApp, LINE, Messenger): no public replies, no public posts to act on, nothing to move to private. */
export function hasPublicSide(channel: string): boolean {
  return !includes(PRIVATE_ONLY_CHANNELS, channel);
}

/** True when the channel has the engagement at all; it still needs a public post to act on. */
export function supportsEngagement(channel: string, engagement: Engagement): boolean {
  return includes(ENGAGEMENT_CHANNELS[engagement], channel);
}

/** The engagements possible on an item of this channel and visibility: none on a private message. */
export function engagementsFor(channel: string, visibility: 'public' | 'private'): Engagement[] {
  if (visibility === 'private') return [];
  return ENGAGEMENTS.filter((engagement) => supportsEngagement(channel, engagement));
}
