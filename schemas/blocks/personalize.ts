import { defineBlock, type ConfigFromSchema } from '../block.ts';
import { skillRequirement } from '../resources/queue.ts';

/** The look-back window when a rule counts interactions without naming one. */
export const DEFAULT_WINDOW_HOURS = 24;

const count = { type: 'integer', minimum: 1, maximum: 1000 } as const;

const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['when', 'then'],
  properties: {
    label: { type: 'string', maxLength: 100 },
    when: {
      type: 'object',
      additionalProperties: false,
      description: 'every condition set must hold; a rule with none always applies',
      properties: {
        repeatWithinHours: { type: 'integer', minimum: 1, maximum: 720, description: 'the contact got in touch within this many hours' },
        minRecentInteractions: { ...count, description: `interactions needed in that window (1 by default; a ${DEFAULT_WINDOW_HOURS} h window when none is set)` },
        minPendingInteractions: { ...count, description: 'interactions of the contact still waiting for an agent' },
        segments: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 64 }, description: 'contact segment is one of these' },
      },
    },
    then: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        priority: { type: 'integer', minimum: 0, maximum: 100, description: 'set the priority' },
        priorityDelta: { type: 'integer', minimum: -100, maximum: 100, description: 'add to the priority (after priority, kept within 0–100)' },
        skills: { type: 'array', maxItems: 20, items: skillRequirement, description: 'skills to require in addition' },
        greeting: { type: 'string', minLength: 1, maxLength: 2000, description: 'Liquid template shown to the agent who takes the interaction' },
      },
    },
  },
} as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: { rules: { type: 'array', minItems: 1, maxItems: 50, items: ruleSchema } },
} as const;

type PersonalizeConfig = ConfigFromSchema<typeof configSchema>;
export type PersonalizeRule = PersonalizeConfig['rules'][number];

export const personalize = defineBlock({
  type: 'personalize',
  version: 1,
  label: 'Personalize',
  category: 'Routing',
  icon: '🎯',
  description:
    'Adjusts priority, skills and the agent greeting from what is known about the contact: repeat contacts, pending interactions, segment. Every matching rule applies, in order.',
  configSchema,
  defaultConfig: { rules: [{ label: 'Repeat contact', when: { repeatWithinHours: 24 }, then: { priorityDelta: 20 } }] },
  ports: [{ id: 'out', label: 'Next' }],
  references: (config) =>
    config.rules.flatMap((rule, index) =>
      (rule.then.skills ?? []).map((requirement, at) => ({ kind: 'skill' as const, id: requirement.skill, pointer: `/rules/${index}/then/skills/${at}/skill` })),
    ),
  templates: (config) =>
    config.rules.flatMap((rule, index) => (rule.then.greeting === undefined ? [] : [{ text: rule.then.greeting, pointer: `/rules/${index}/then/greeting` }])),
  sets: () => ['routing'],
  summary: (config) => config.rules.map((rule, index) => rule.label ?? `rule ${index + 1}`).join(' · '),
});
