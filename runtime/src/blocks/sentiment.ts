import Sentiment from 'sentiment';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { DEFAULT_NEGATIVE_BELOW, DEFAULT_POSITIVE_ABOVE } from '../../../schemas/blocks/sentiment.ts';
import type { Executor, SentimentView } from '../engine/types.ts';

// The analyzer holds only the lexicon: one for the process.
const analyzer = new Sentiment();

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export const sentiment: Executor<ConfigOf<'sentiment'>> = async ({ config, context }) => {
  const result = analyzer.analyze(context.message.text);
  // An empty text has no tokens: the library divides 0 by 0.
  const comparative = result.tokens.length > 0 ? result.comparative : 0;
  const positiveAbove = config.positiveAbove ?? DEFAULT_POSITIVE_ABOVE;
  const negativeBelow = config.negativeBelow ?? DEFAULT_NEGATIVE_BELOW;
  const label: SentimentView['label'] = comparative > positiveAbove ? 'positive' : comparative < negativeBelow ? 'negative' : 'neutral';
  // The library lists scoring words last first; the trace reads better in text order.
  const words = result.calculation
    .map((entry) => Object.entries(entry)[0])
    .filter((entry) => entry !== undefined)
    .reverse()
    .map(([word, score]) => ({ word, score }));
  const listed = words.length > 0 ? `: ${words.map((entry) => entry.word).join(', ')}` : ': no scoring words';
  return {
    port: label,
    reason: `${label} (score ${result.score}, comparative ${round(comparative)})${listed}`,
    patch: { sentiment: { label, score: result.score, comparative } },
    details: { words, positiveAbove, negativeBelow },
  };
};
