import { defineBlock } from '../block.ts';
import { resourceId } from '../resources/common.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['calendar'],
  properties: {
    calendar: { ...resourceId, description: 'id of the calendar resource (explicit dates and public holiday sets)' },
  },
} as const;

export const specialDay = defineBlock({
  type: 'special-day',
  version: 1,
  label: 'Special day',
  category: 'Checks',
  icon: '📅',
  description: "Checks whether today, in the calendar's time zone, is one of its special dates or a public holiday of its countries.",
  configSchema,
  defaultConfig: { calendar: 'holidays' },
  ports: [
    { id: 'normal', label: 'Normal day' },
    { id: 'special', label: 'Special day' },
  ],
  references: (config) => [{ kind: 'calendar', id: config.calendar, pointer: '/calendar' }],
  summary: (config) => `calendar ${config.calendar}`,
});
