import { defineBlock } from '../block.ts';

const configSchema = { type: 'object', additionalProperties: false, properties: {} } as const;


export const end = defineBlock({
  type: 'end',
  version: 1,
  label: 'End',
  category: 'Flow',
  icon: '⏹',
  description: 'Ends the run here. Use it to make the end of a branch explicit; an unconnected optional port ends a run too.',
  configSchema,
  defaultConfig: {},
  ports: [],
  summary: () => 'end of flow',
});
