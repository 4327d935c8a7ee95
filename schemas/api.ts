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

export const agentStatusBodySchema = {
  $id: 'switchyard:api:agent-status',
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: {
    status: { enum: ['available', 'not-ready', 'offline'] },
    reason: { type: 'string', minLength: 1, maxLength: 64, description: 'the not-ready reason code (break, training, …)' },
  },
  if: { properties: { status: { const: 'not-ready' } } },
  then: { required: ['status', 'reason'] },
  else: { not: { required: ['reason'] } },
} as const;

/** Optional body of accept, deny and release: the agent acting (checked against the offer or interaction). */
export const agentActionBodySchema = {
  $id: 'switchyard:api:agent-action',
  type: 'object',
  additionalProperties: false,
  properties: { agentId: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' } },
} as const;

const agentIdProperty = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'the agent acting (recorded on what they send)' } as const;
const resourceIdProperty = { type: 'string', minLength: 1, maxLength: 64 } as const;

/** An agent's reply on an interaction: their own text, or a standard response (Liquid, rendered with the interaction's context). */
export const replyBodySchema = {
  $id: 'switchyard:api:reply',
  type: 'object',
  additionalProperties: false,
  properties: {
    text: { type: 'string', maxLength: 10000, description: 'Liquid template; trimmed, must not render empty' },
    responseId: { ...resourceIdProperty, description: 'a standard response, used when no text is given' },
    visibility: { enum: ['public', 'private', 'same'], default: 'same', description: "'same': the interaction's current visibility" },
    agentId: agentIdProperty,
  },
} as const;

/** Like, retweet or favorite the interaction's latest inbound message. */
export const engageBodySchema = {
  $id: 'switchyard:api:engage',
  type: 'object',
  additionalProperties: false,
  properties: { agentId: agentIdProperty },
} as const;

/** A public reply inviting the customer to a private conversation; the standard response "dm-invite" when no text is given. */
export const moveToPrivateBodySchema = {
  $id: 'switchyard:api:move-to-private',
  type: 'object',
  additionalProperties: false,
  properties: { text: { type: 'string', maxLength: 10000 }, agentId: agentIdProperty },
} as const;

export const transferBodySchema = {
  $id: 'switchyard:api:transfer',
  type: 'object',
  additionalProperties: false,
  required: ['queue'],
  properties: { queue: resourceIdProperty, agentId: agentIdProperty },
} as const;

export const closeBodySchema = {
  $id: 'switchyard:api:close',
  type: 'object',
  additionalProperties: false,
  properties: { disposition: { ...resourceIdProperty, description: 'a disposition code; required where the queue says so' }, agentId: agentIdProperty },
} as const;

/** POST /api/auth/login. */
export const loginBodySchema = {
  $id: 'switchyard:api:login',
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/** POST /api/auth/password: the signed-in user changes their own password. */
export const passwordChangeBodySchema = {
  $id: 'switchyard:api:password-change',
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 1024 }, newPassword: { type: 'string', minLength: 8, maxLength: 1024 } },
} as const;

/** POST /api/users/:id/password (admin): a new password for another user; their sessions end. */
export const passwordResetBodySchema = {
  $id: 'switchyard:api:password-reset',
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password: { type: 'string', minLength: 8, maxLength: 1024 } },
} as const;

/** POST /api/users (admin): a user with roles; agents name the agent resource they act as. */
export const userBodySchema = {
  $id: 'switchyard:api:user',
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password', 'roles'],
  properties: {
    username: { type: 'string', pattern: '^[a-z0-9][a-z0-9._@-]{0,63}$' },
    password: { type: 'string', minLength: 8, maxLength: 1024 },
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['admin', 'analyst', 'supervisor', 'agent'] } },
    agentId: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
  },
} as const;
