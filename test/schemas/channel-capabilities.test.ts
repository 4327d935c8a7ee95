import { describe, expect, it } from 'vitest';
import { engagementsFor, hasPublicSide, supportsEngagement } from '../../schemas/channel-capabilities.ts';

describe('channel capabilities', () => {
  it('gives private-only channels no public side and nothing to engage with', () => {
    for (const channel of ['whatsapp', 'line', 'messenger']) {
      expect(hasPublicSide(channel)).toBe(false);
      expect(engagementsFor(channel, 'public')).toEqual([]);
    }
    expect(hasPublicSide('twitter')).toBe(true);
    expect(hasPublicSide('facebook')).toBe(true);
  });

  it('lists the engagements each public channel has, and none on a private message', () => {
    expect(engagementsFor('twitter', 'public')).toEqual(['like', 'retweet', 'favorite']);
    expect(engagementsFor('facebook', 'public')).toEqual(['like']);
    expect(engagementsFor('twitter', 'private')).toEqual([]);
    expect(supportsEngagement('facebook', 'retweet')).toBe(false);
  });
});
