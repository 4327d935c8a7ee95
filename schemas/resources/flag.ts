import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase } from './common.ts';

export const flagSchema = {
  $id: 'switchyard:resource:flag',
  title: 'Emergency flag',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'active'],
  properties: {
    ...resourceBase('flag'),
    active: { type: 'boolean' },
    message: { type: 'string', maxLength: 2000, description: 'what the emergency is, for flows to quote' },
  },
} as const;

export type Flag = FromSchema<typeof flagSchema, { keepDefaultedPropertiesOptional: true }>;
