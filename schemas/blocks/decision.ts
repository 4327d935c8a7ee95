import { defineBlock, type ConfigFromSchema } from '../block.ts';

export const DECISION_OPERATORS = [
  'equals',
  'not-equals',
  'contains',
  'starts-with',
  'ends-with',
  'greater-than',
  'less-than',
  'in',
  'exists',
  'not-exists',
] as const;

const scalar = { type: ['string', 'number', 'boolean'] } as const;

const conditionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'op'],
  properties: {
    path: {
      type: 'string',
      maxLength: 256,
      pattern: '^(message|contact|conversation|routing|vars|sentiment|flow)(\\.[A-Za-z0-9_-]+)*$',
      description: 'dotted context path, such as contact.segment, message.channel, vars.orderStatus or sentiment.label',
    },
    op: { enum: DECISION_OPERATORS },
    value: {
      type: ['string', 'number', 'boolean', 'array'],
      maxLength: 1000,
      maxItems: 200,
      items: scalar,
      description: 'what to compare with; a list for "in", a number for "greater-than" and "less-than", none for "exists"',
    },
  },
  allOf: [
    { if: { properties: { op: { enum: ['exists', 'not-exists'] } } }, then: { not: { required: ['value'] } }, else: { required: ['value'] } },
    { if: { properties: { op: { const: 'in' } } }, then: { properties: { value: { type: 'array' } } }, else: { properties: { value: scalar } } },
    { if: { properties: { op: { enum: ['greater-than', 'less-than'] } } }, then: { properties: { value: { type: 'number' } } } },
  ],
} as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['cases'],
  properties: {
    cases: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['port', 'conditions'],
        properties: {
          port: {
            type: 'string',
            pattern: '^[a-z0-9][a-z0-9_-]{0,63}$',
            not: { const: 'default' },
            description: 'output port id for this case ("default" is taken by the no-match port)',
          },
          label: { type: 'string', maxLength: 100 },
          match: { enum: ['all', 'any'], default: 'all', description: 'whether every condition or any one must hold' },
          conditions: { type: 'array', minItems: 1, maxItems: 20, items: conditionSchema },
        },
      },
    },
  },
} as const;

type DecisionConfig = ConfigFromSchema<typeof configSchema>;
export type DecisionCondition = DecisionConfig['cases'][number]['conditions'][number];

export const decision = defineBlock({
  type: 'decision',
  version: 1,
  label: 'Decision',
  category: 'Checks',
  icon: '🔶',
  description:
    'Sends the run down the first case whose conditions hold, comparing context values (contact.segment, message.channel, vars.orderStatus, sentiment.label…). Text comparisons ignore case.',
  configSchema,
  defaultConfig: {
    cases: [{ port: 'vip', label: 'VIP', match: 'all', conditions: [{ path: 'contact.segment', op: 'equals', value: 'gold' }] }],
  },
  ports: [{ id: 'default', label: 'Otherwise' }],
  portsFor: (config) => [
    ...config.cases.map((entry) => ({ id: entry.port, label: entry.label ?? entry.port })),
    { id: 'default', label: 'Otherwise' },
  ],
  summary: (config) => config.cases.map((entry) => entry.label ?? entry.port).join(' · '),
});
