import type { FromSchema } from 'json-schema-to-ts';
import { resourceBase, secretRef } from './common.ts';
import { CHANNELS } from '../message.ts';

export const accountSchema = {
  $id: 'switchyard:resource:account',
  title: 'Channel account',
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id', 'name', 'channel', 'platformId'],
  properties: {
    ...resourceBase('account'),
    channel: { enum: CHANNELS },
    platformId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: 'our id on the platform: Twitter user id, Facebook page id, WhatsApp phone-number id, LINE channel destination',
    },
    handle: { type: 'string', maxLength: 128 },
    baseUrl: { type: 'string', maxLength: 512, description: 'platform API base URL (a fake platform in tests)' },
    secrets: {
      type: 'object',
      description: 'names of environment variables, never the secret itself',
      additionalProperties: secretRef,
      propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]{0,63}$' },
    },
    retryForSeconds: { type: 'integer', minimum: 0, maximum: 604800 },
  },
} as const;

export type Account = FromSchema<typeof accountSchema, { keepDefaultedPropertiesOptional: true }>;
