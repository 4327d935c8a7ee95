import { describe, expect, it } from 'vitest';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { sentiment as definition } from '../../../schemas/blocks/sentiment.ts';
import { sentiment } from '../../../runtime/src/blocks/sentiment.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import { testContext, testServices } from '../../support/run-services.ts';

async function score(text: string, config: ConfigOf<'sentiment'> = {}) {
  const result = await sentiment({
    config,
    context: testContext({}, { text }),
    nodeId: 'sentiment',
    signal: new AbortController().signal,
    services: testServices(),
  });
  if (isWait(result)) throw new Error('sentiment never waits');
  return result;
}

describe('Sentiment', () => {
  it('labels a happy message positive and lists the scoring words in text order', async () => {
    const result = await score('I love this, great service!');
    expect(result.port).toBe('positive');
    expect(result.reason).toBe('positive (score 6, comparative 1.2): love, great');
    expect(result.patch).toEqual({ sentiment: { label: 'positive', score: 6, comparative: 1.2 } });
  });

  it('labels an angry message negative', async () => {
    const result = await score('This is terrible, the worst app ever');
    expect(result.port).toBe('negative');
    expect(result.patch?.sentiment).toMatchObject({ label: 'negative', score: -6 });
    expect(result.reason).toMatch(/^negative \(score -6, comparative -0\.86\): terrible, worst$/);
  });

  it('labels a message without scoring words neutral, and an empty one too', async () => {
    expect(await score('Where is my parcel?')).toMatchObject({ port: 'neutral', reason: 'neutral (score 0, comparative 0): no scoring words' });
    expect((await score('')).patch).toEqual({ sentiment: { label: 'neutral', score: 0, comparative: 0 } });
  });

  it('keeps a faint score neutral with the default thresholds and follows configured ones', async () => {
    // "good" (+3) diluted in 31 words: comparative ≈ 0.097.
    const text = `good ${'word '.repeat(30)}`;
    expect((await score(text)).port).toBe('neutral');
    expect((await score(text, { positiveAbove: 0.05 })).port).toBe('positive');
    expect((await score('bad day', { negativeBelow: -2 })).port).toBe('neutral');
  });

  it('declares that it sets the sentiment for templates', () => {
    expect(definition.sets!({})).toEqual(['sentiment']);
  });
});
