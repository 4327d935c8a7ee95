import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase } from './common.ts';
import { skillRequirement } from './queue.ts';

/**
 * A capacity key as the ACD reads it: `*`, a visibility (`public`, `private`),
 * a channel (`twitter`) or a channel and visibility (`twitter:private`).
 */
export const capacityKey = { type: 'string', pattern: '^(\\*|[a-z][a-z0-9-]{0,31}(:(public|private))?)$' } as const;

export const agentSchema = {
  $id: 'switchyard:resource:agent',
  title: 'Agent',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'capacity'],
  properties: {
    ...resourceBase('agent'),
    skills: { type: 'array', maxItems: 50, items: skillRequirement, description: 'skills and levels (1..5) of the agent' },
    groups: {
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
      description: 'teams the agent belongs to (queues with an agentGroup take only their members)',
    },
    capacity: {
      type: 'object',
      minProperties: 1,
      maxProperties: 20,
      propertyNames: capacityKey,
      additionalProperties: { type: 'integer', minimum: 0, maximum: 100 },
      description: 'conversations at once by channel kind, e.g. {"public": 1, "private": 3}',
    },
  },
} as const;

export type AgentResource = FromSchema<typeof agentSchema, { keepDefaultedPropertiesOptional: true }>;
