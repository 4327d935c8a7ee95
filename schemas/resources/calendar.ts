import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase, timeRange } from './common.ts';

export const calendarSchema = {
  $id: 'switchyard:resource:calendar',
  title: 'Special-day calendar',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'timeZone'],
  properties: {
    ...resourceBase('calendar'),
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    dates: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'name'],
        properties: {
          date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          hours: { ...timeRange, description: 'only part of the day is special (e.g. closing early)' },
        },
      },
    },
    holidays: {
      type: 'array',
      maxItems: 20,
      description: 'public holiday sets from the holiday library',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['country'],
        properties: {
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          region: { type: 'string', maxLength: 16 },
          types: { type: 'array', items: { enum: ['public', 'bank', 'school', 'optional', 'observance'] }, default: ['public'] },
        },
      },
    },
  },
} as const;

export type Calendar = FromSchema<typeof calendarSchema, { keepDefaultedPropertiesOptional: true }>;
