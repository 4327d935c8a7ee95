import { defineBlock } from '../block.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    positiveAbove: {
      type: 'number',
      minimum: -5,
      maximum: 5,
      description: 'comparative score (sum of word scores per word, -5 to 5) above which the message is positive; 0.1 when left out',
    },
    negativeBelow: {
      type: 'number',
      minimum: -5,
      maximum: 5,
      description: 'comparative score below which the message is negative; -0.1 when left out',
    },
  },
} as const;

export const DEFAULT_POSITIVE_ABOVE = 0.1;
export const DEFAULT_NEGATIVE_BELOW = -0.1;

export const sentiment = defineBlock({
  type: 'sentiment',
  version: 1,
  label: 'Sentiment',
  category: 'Data',
  icon: '🌡️',
  description: 'Scores the message text with the AFINN word list (English, offline) and routes positive, neutral or negative; templates can read sentiment.label, .score and .comparative.',
  configSchema,
  defaultConfig: { positiveAbove: 0.1, negativeBelow: -0.1 },
  ports: [
    { id: 'positive', label: 'Positive' },
    { id: 'neutral', label: 'Neutral' },
    { id: 'negative', label: 'Negative' },
  ],
  sets: () => ['sentiment'],
  summary: (config) =>
    `positive above ${config.positiveAbove ?? DEFAULT_POSITIVE_ABOVE}, negative below ${config.negativeBelow ?? DEFAULT_NEGATIVE_BELOW}`,
});
