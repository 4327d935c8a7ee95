import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase } from './common.ts';
import { CHANNELS } from '../message.ts';

export const responseSchema = {
  $id: 'switchyard:resource:response',
  title: 'Standard response',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'text'],
  properties: {
    ...resourceBase('response'),
    text: { type: 'string', minLength: 1, maxLength: 10000, description: 'Liquid template' },
    channels: { type: 'array', items: { enum: CHANNELS }, description: 'where it may be used; all when absent' },
  },
} as const;

export type StandardResponse = FromSchema<typeof responseSchema, { keepDefaultedPropertiesOptional: true }>;
