import { defineBlock } from '../block.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['port', 'keywords'],
        properties: {
          port: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'output port id for this rule' },
          label: { type: 'string', maxLength: 100 },
          keywords: {
            type: 'array',
            minItems: 1,
            maxItems: 200,
            items: { type: 'string', minLength: 1, maxLength: 100 },
            description: 'words, phrases or #hashtags (case- and accent-insensitive, whole words)',
          },
          match: { enum: ['any', 'all'], description: "'all' needs every keyword; 'any' (when left out) needs one" },
        },
      },
    },
  },
} as const;


export const keywordRouter = defineBlock({
  type: 'keyword-router',
  version: 1,
  label: 'Keyword router',
  category: 'Routing',
  icon: '🔀',
  description: 'Sends the message down the first rule whose keywords or hashtags it contains (case- and accent-insensitive, whole words).',
  configSchema,
  defaultConfig: { rules: [{ port: 'rule-1', label: 'Rule 1', keywords: ['help'] }] },
  ports: [{ id: 'default', label: 'No match' }],
  portsFor: (config) => [
    ...config.rules.map((rule) => ({ id: rule.port, label: rule.label ?? rule.keywords.join(', ') })),
    { id: 'default', label: 'No match' },
  ],
  summary: (config) => config.rules.map((rule) => rule.label ?? rule.port).join(' · '),
});
