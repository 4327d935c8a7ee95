/** Fields every resource document has. `kind` names its schema; `id` is what flows reference. */
export const resourceId = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' } as const;

export function resourceBase<K extends string>(kind: K) {
  return {
    kind: { const: kind },
    id: resourceId,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
  } as const;
}

/** "HH:MM" on a 24-hour clock; "24:00" closes a day. */
export const clockTime = { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } as const;

export const timeRange = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to'],
  properties: { from: clockTime, to: clockTime },
} as const;

/** A secret is never stored inline: a resource names the environment variable that holds it. */
export const secretRef = {
  type: 'object',
  additionalProperties: false,
  required: ['env'],
  properties: { env: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]{0,127}$' } },
} as const;
