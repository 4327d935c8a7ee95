import { defineBlock } from '../block.ts';
import { escapePointer } from '../problems.ts';
import { variableName } from './set-data.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    method: { enum: HTTP_METHODS, default: 'GET' },
    url: { type: 'string', minLength: 1, maxLength: 2048, description: 'Liquid template; must render to an http or https URL' },
    headers: {
      type: 'object',
      maxProperties: 30,
      propertyNames: { pattern: '^[A-Za-z0-9-]{1,64}$' },
      additionalProperties: { type: 'string', maxLength: 4096, description: 'Liquid template' },
    },
    body: {
      type: 'string',
      maxLength: 20000,
      description: 'Liquid template, not sent with GET; sent as JSON when it renders to JSON and no content-type header is set',
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 30000, default: 5000 },
    responseMapping: {
      type: 'array',
      maxItems: 30,
      description: 'values copied from the JSON response into vars',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'path'],
        properties: {
          name: { ...variableName, not: { const: 'httpStatus' }, description: 'variable name (httpStatus is always set)' },
          path: { type: 'string', minLength: 1, maxLength: 256, pattern: '^[^.]+(\\.[^.]+)*$', description: 'dotted path into the response, e.g. order.items.0.status' },
        },
      },
    },
  },
} as const;


export const httpRequest = defineBlock({
  type: 'http-request',
  version: 1,
  label: 'HTTP request',
  category: 'Data',
  icon: '🌐',
  description:
    'Calls an HTTP API (an order system, a CRM) and copies values from its JSON answer into vars; vars.httpStatus holds the status. Simulations send only GET requests.',
  configSchema,
  defaultConfig: {
    method: 'GET',
    url: 'https://api.example.com/orders/{{ vars.orderId }}',
    timeoutMs: 5000,
    responseMapping: [{ name: 'orderStatus', path: 'status' }],
  },
  ports: [
    { id: 'success', label: 'Success' },
    { id: 'failure', label: 'Failure' },
  ],
  templates: (config) => [
    { text: config.url, pointer: '/url' },
    ...Object.entries(config.headers ?? {}).map(([name, text]) => ({ text, pointer: `/headers/${escapePointer(name)}` })),
    ...(config.body === undefined ? [] : [{ text: config.body, pointer: '/body' }]),
  ],
  sets: (config) => ['vars.httpStatus', ...(config.responseMapping ?? []).map((mapping) => `vars.${mapping.name}`)],
  summary: (config) => `${config.method ?? 'GET'} ${config.url}`,
});
