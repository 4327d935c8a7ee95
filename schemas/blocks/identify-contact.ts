import { defineBlock } from '../block.ts';

export const MATCH_KEYS = ['identity', 'email', 'phone'] as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    createIfMissing: { type: 'boolean', default: true, description: 'create a contact when none matches' },
    continuityHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      default: 72,
      description: 'a message within this many hours of the last one joins the open conversation',
    },
    matchBy: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: MATCH_KEYS },
      default: ['identity', 'email', 'phone'],
      description: 'what to look the author up by, in order: platform identity, then email, then phone',
    },
  },
} as const;


export const identifyContact = defineBlock({
  type: 'identify-contact',
  version: 1,
  label: 'Identify contact',
  category: 'Data',
  icon: '🪪',
  description: 'Finds the contact behind the message (by platform identity, email or phone), creates one if allowed, and joins or opens the conversation.',
  configSchema,
  defaultConfig: { createIfMissing: true, continuityHours: 72, matchBy: [...MATCH_KEYS] },
  ports: [
    { id: 'known', label: 'Known contact' },
    { id: 'new', label: 'New contact' },
    { id: 'unknown', label: 'Not identified', optional: true },
  ],
  sets: () => ['contact', 'conversation'],
  summary: (config) =>
    `by ${(config.matchBy ?? MATCH_KEYS).join(', ')}${config.createIfMissing === false ? '' : ', create if missing'} · ${config.continuityHours ?? 72} h continuity`,
});
