import { defineBlock } from '../block.ts';

/** A name templates can read as `vars.<name>`. */
export const variableName = { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$', maxLength: 64 } as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['assignments'],
  properties: {
    assignments: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'value'],
        properties: {
          name: { ...variableName, description: 'variable name; templates read it as vars.<name>' },
          value: { type: 'string', maxLength: 10000, description: 'Liquid template; the rendered text is stored' },
        },
      },
    },
  },
} as const;


export const setData = defineBlock({
  type: 'set-data',
  version: 1,
  label: 'Set data',
  category: 'Data',
  icon: '📝',
  description: 'Stores values in run variables (vars.<name>) for later blocks and templates. Each value is a Liquid template.',
  configSchema,
  defaultConfig: { assignments: [{ name: 'note', value: '{{ message.text }}' }] },
  ports: [{ id: 'out', label: 'Next' }],
  templates: (config) => config.assignments.map((assignment, index) => ({ text: assignment.value, pointer: `/assignments/${index}/value` })),
  sets: (config) => config.assignments.map((assignment) => `vars.${assignment.name}`),
  summary: (config) => config.assignments.map((assignment) => assignment.name).join(', '),
});
