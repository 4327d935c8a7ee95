import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase, timeRange } from './common.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const dayRanges = { type: 'array', maxItems: 12, items: timeRange } as const;

export const scheduleSchema = {
  $id: 'switchyard:resource:schedule',
  title: 'Operating hours',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'timeZone', 'weekly'],
  properties: {
    ...resourceBase('schedule'),
    timeZone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris' },
    weekly: {
      type: 'object',
      additionalProperties: false,
      properties: { mon: dayRanges, tue: dayRanges, wed: dayRanges, thu: dayRanges, fri: dayRanges, sat: dayRanges, sun: dayRanges },
    },
  },
} as const;

export type Schedule = FromSchema<typeof scheduleSchema, { keepDefaultedPropertiesOptional: true }>;
export type Weekday = (typeof WEEKDAYS)[number];
