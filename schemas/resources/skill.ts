import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase } from './common.ts';

export const skillSchema = {
  $id: 'switchyard:resource:skill',
  title: 'Skill',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name'],
  properties: { ...resourceBase('skill') },
} as const;

export type Skill = FromSchema<typeof skillSchema, { keepDefaultedPropertiesOptional: true }>;
