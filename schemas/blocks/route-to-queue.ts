import { defineBlock } from '../block.ts';
import { resourceId } from '../resources/common.ts';
import { skillRequirement } from '../resources/queue.ts';

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['queue'],
  properties: {
    queue: { ...resourceId, description: 'id of the queue' },
    skills: { type: 'array', maxItems: 20, items: skillRequirement, description: 'skills needed on top of the queue’s own and those set earlier' },
    priority: { type: 'integer', minimum: 0, maximum: 100, description: 'overrides the priority set earlier in the flow' },
    lastAgent: {
      type: 'object',
      additionalProperties: false,
      description: 'offer the interaction first to the agent who last handled the conversation',
      properties: {
        prefer: { type: 'boolean', default: true },
        timeoutSeconds: { type: 'integer', minimum: 0, maximum: 3600, default: 60, description: 'then any agent with the skills' },
      },
    },
  },
} as const;


export const routeToQueue = defineBlock({
  type: 'route-to-queue',
  version: 1,
  label: 'Route to queue',
  category: 'Routing',
  icon: '📥',
  description: 'Hands the interaction to a queue with the skills and priority gathered so far, optionally preferring the last agent of the conversation.',
  configSchema,
  defaultConfig: { queue: 'social-care', lastAgent: { prefer: true, timeoutSeconds: 60 } },
  ports: [
    { id: 'queued', label: 'Queued' },
    { id: 'failed', label: 'Failed' },
  ],
  references: (config) => [
    { kind: 'queue', id: config.queue, pointer: '/queue' },
    ...(config.skills ?? []).map((requirement, index) => ({ kind: 'skill' as const, id: requirement.skill, pointer: `/skills/${index}/skill` })),
  ],
  sets: () => ['routing'],
  summary: (config) => {
    const skills = (config.skills ?? []).map(({ skill, level }) => `${skill}≥${level}`).join(', ');
    return [`→ ${config.queue}`, skills, config.priority === undefined ? '' : `priority ${config.priority}`].filter(Boolean).join(' · ');
  },
});
