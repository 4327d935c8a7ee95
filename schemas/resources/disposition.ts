import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase } from './common.ts';

export const dispositionSchema = {
  $id: 'switchyard:resource:disposition',
  title: 'Disposition code',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name'],
  properties: {
    ...resourceBase('disposition'),
    outcome: { enum: ['resolved', 'unresolved', 'no-action', 'escalated'] },
  },
} as const;

export type Disposition = FromSchema<typeof dispositionSchema, { keepDefaultedPropertiesOptional: true }>;
