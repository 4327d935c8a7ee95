import { defineBlock } from '../block.ts';
import { resourceId } from '../resources/common.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['schedule'],
  properties: {
    schedule: { ...resourceId, description: 'id of the schedule resource (weekly hours in its own time zone)' },
  },
} as const;

export const operatingHours = defineBlock({
  type: 'operating-hours',
  version: 1,
  label: 'Operating hours',
  category: 'Checks',
  icon: '🕘',
  description: "Checks whether the team is open now, by a schedule's weekly hours in the schedule's time zone (daylight-saving aware).",
  configSchema,
  defaultConfig: { schedule: 'business-hours' },
  ports: [
    { id: 'open', label: 'Open' },
    { id: 'closed', label: 'Closed' },
  ],
  references: (config) => [{ kind: 'schedule', id: config.schedule, pointer: '/schedule' }],
  summary: (config) => `schedule ${config.schedule}`,
});
