import { defineBlock } from '../block.ts';
import { resourceId } from '../resources/common.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['flag'],
  properties: {
    flag: { ...resourceId, description: 'id of the emergency flag resource an operator switches on and off' },
  },
} as const;

export const emergency = defineBlock({
  type: 'emergency',
  version: 1,
  label: 'Emergency',
  category: 'Checks',
  icon: '🚨',
  description: 'Branches on an emergency flag (an outage, a crisis) that operators switch on without editing the flow.',
  configSchema,
  defaultConfig: { flag: 'emergency' },
  ports: [
    { id: 'active', label: 'Emergency on' },
    { id: 'normal', label: 'Normal' },
  ],
  references: (config) => [{ kind: 'flag', id: config.flag, pointer: '/flag' }],
  summary: (config) => `flag ${config.flag}`,
});
