import { messageSchema } from './message.ts';

/** Bodies of the HTTP API that are not documents of their own (flows and resources have their schemas). */
export const publishBodySchema = {
  $id: 'switchyard:api:publish',
  type: 'object',
  additionalProperties: false,
  required: ['comment'],
  properties: { comment: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;

export const rollbackBodySchema = {
  $id: 'switchyard:api:rollback',
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: { version: { type: 'integer', minimum: 1 }, comment: { type: 'string', maxLength: 2000 } },
} as const;

export const simulateBodySchema = {
  $id: 'switchyard:api:simulate',
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: {
    message: messageSchema,
    at: { type: 'string', format: 'date-time', description: 'the clock time the run sees' },
    version: { type: 'integer', minimum: 1, description: 'a published version; the draft when absent' },
  },
} as const;

export const flagBodySchema = {
  $id: 'switchyard:api:flag',
  type: 'object',
  additionalProperties: false,
  required: ['active'],
  properties: { active: { type: 'boolean' }, message: { type: 'string', maxLength: 2000 } },
} as const;
