import type { FromSchema } from 'json-schema-to-ts';

export const nodeId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const portId = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' } as const;

/**
 * A flow document: one JSON file an analyst keeps in git. Node configs are
 * checked against their block's own schema (see validate.ts); edges name node
 * ids and port ids, never labels.
 */
export const flowSchema = {
  $id: 'switchyard:flow',
  title: 'Flow',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'trigger', 'nodes', 'edges'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    revision: { type: 'integer', minimum: 0, description: 'draft revision this document was read at; a save with a stale one is refused' },
    trigger: {
      type: 'object',
      additionalProperties: false,
      required: ['accounts'],
      description: 'which inbound messages start this flow',
      properties: {
        accounts: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 128 } },
      },
    },
    nodes: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'version', 'config'],
        properties: {
          id: nodeId,
          type: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
          version: { type: 'integer', minimum: 1 },
          label: { type: 'string', maxLength: 200 },
          config: { type: 'object' },
          position: {
            type: 'object',
            additionalProperties: false,
            required: ['x', 'y'],
            properties: { x: { type: 'number' }, y: { type: 'number' } },
          },
        },
      },
    },
    edges: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'port', 'to'],
        properties: {
          id: { type: 'string', maxLength: 128 },
          from: nodeId,
          port: portId,
          to: nodeId,
        },
      },
    },
    notes: {
      type: 'array',
      maxItems: 500,
      description: 'sticky notes on the canvas; no effect on routing',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'text'],
        properties: {
          id: { type: 'string', maxLength: 64 },
          text: { type: 'string', maxLength: 4000 },
          position: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } },
        },
      },
    },
  },
} as const;

export type Flow = FromSchema<typeof flowSchema, { keepDefaultedPropertiesOptional: true }>;
export type FlowNode = Flow['nodes'][number];
export type FlowEdge = Flow['edges'][number];
