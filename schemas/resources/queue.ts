import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase, resourceId } from './common.ts';

export const skillRequirement = {
  type: 'object',
  additionalProperties: false,
  required: ['skill', 'level'],
  properties: { skill: resourceId, level: { type: 'integer', minimum: 1, maximum: 5 } },
} as const;

export const queueSchema = {
  $id: 'switchyard:resource:queue',
  title: 'Queue',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name'],
  properties: {
    ...resourceBase('queue'),
    skills: { type: 'array', maxItems: 20, items: skillRequirement, description: 'skills every agent taking from this queue needs' },
    agentGroup: { type: 'string', maxLength: 64, description: 'only agents of this group take from it (e.g. a DM team)' },
    serviceLevel: {
      type: 'object',
      additionalProperties: false,
      required: ['seconds', 'percent'],
      properties: { seconds: { type: 'integer', minimum: 1 }, percent: { type: 'number', minimum: 0, maximum: 100 } },
    },
    overflow: {
      type: 'object',
      additionalProperties: false,
      required: ['queue', 'afterSeconds'],
      properties: { queue: resourceId, afterSeconds: { type: 'integer', minimum: 1 } },
    },
    dispositionRequired: { type: 'boolean', default: false },
  },
} as const;

export type Queue = FromSchema<typeof queueSchema, { keepDefaultedPropertiesOptional: true }>;
export type SkillRequirement = FromSchema<typeof skillRequirement, { keepDefaultedPropertiesOptional: true }>;
