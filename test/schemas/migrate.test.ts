import { describe, expect, it } from 'vitest';
import { defineBlock, type AnyBlockDefinition } from '../../schemas/block.ts';
import type { Flow } from '../../schemas/flow.ts';
import { migrateFlow } from '../../schemas/migrate.ts';
import { routerFlow } from '../runtime/engine/fixtures.ts';

/**
 * A made-up block at version 3, so migrations can be tested without touching
 * the catalog (every catalog block is still at version 1):
 *   v1 { text }                       →
 *   v2 { template }                   (migration 2 renames text to template) →
 *   v3 { template, visibility }       (migration 3 adds the visibility, "same" as v2 behaved).
 */
const stamp = defineBlock({
  type: 'stamp',
  version: 3,
  label: 'Stamp',
  category: 'Actions',
  icon: '🔖',
  description: 'A test block with two migrations.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['template'],
    properties: { template: { type: 'string' }, visibility: { enum: ['public', 'private', 'same'] } },
  } as const,
  defaultConfig: { template: 'hello', visibility: 'same' },
  ports: [{ id: 'out', label: 'Next' }],
  migrations: {
    2: ({ text, ...rest }) => ({ ...rest, template: text }),
    3: (config) => ({ ...config, visibility: 'same' }),
  },
});

/** The same block with the step from version 1 to 2 lost. */
const stampWithAGap: AnyBlockDefinition = { ...stamp, migrations: { 3: stamp.migrations![3]! } } as AnyBlockDefinition;

const only =
  (...definitions: AnyBlockDefinition[]) =>
  (type: string) =>
    definitions.find((definition) => definition.type === type);

function flowWith(...nodes: Array<{ version: number; config: Record<string, unknown> }>): Flow {
  return {
    id: 'stamps',
    name: 'Stamps',
    trigger: { accounts: ['acme-twitter'] },
    nodes: [
      { id: 'start', type: 'twitter-trigger', version: 1, config: {} },
      ...nodes.map((node, index) => ({ id: `stamp-${index}`, type: 'stamp', label: `Stamp ${index}`, position: { x: 250 * (index + 1), y: 0 }, ...node })),
    ],
    edges: [],
  };
}

describe('migrateFlow', () => {
  it('brings a version 1 node to version 3 one migration at a time, keeping the rest of the node', () => {
    const flow = flowWith({ version: 1, config: { text: 'Thanks {{ message.author.name }}' } });
    const before = structuredClone(flow);

    const { flow: migrated, problems } = migrateFlow(flow, only(stamp as AnyBlockDefinition));

    expect(problems).toEqual([]);
    expect(migrated.nodes[1]).toEqual({
      id: 'stamp-0',
      type: 'stamp',
      label: 'Stamp 0',
      position: { x: 250, y: 0 },
      version: 3,
      config: { template: 'Thanks {{ message.author.name }}', visibility: 'same' },
    });
    // A node whose type the lookup does not know is left to the validator, untouched.
    expect(migrated.nodes[0]).toBe(flow.nodes[0]);
    expect(flow).toEqual(before);
  });

  it('runs only the steps a version 2 node still needs, and leaves a current node as it is', () => {
    const flow = flowWith({ version: 2, config: { template: 'v2 text' } }, { version: 3, config: { template: 'v3 text', visibility: 'public' } });
    const { flow: migrated, problems } = migrateFlow(flow, only(stamp as AnyBlockDefinition));
    expect(problems).toEqual([]);
    expect(migrated.nodes[1]).toMatchObject({ version: 3, config: { template: 'v2 text', visibility: 'same' } });
    expect(migrated.nodes[2]).toBe(flow.nodes[2]);
  });

  it('refuses a node from a newer version than the block knows, at /nodes/N/version', () => {
    const flow = flowWith({ version: 3, config: { template: 'fine' } }, { version: 4, config: { template: 'from the future', colour: 'red' } });
    const { flow: migrated, problems } = migrateFlow(flow, only(stamp as AnyBlockDefinition));
    expect(problems).toEqual([
      {
        pointer: '/nodes/2/version',
        message: 'block "stamp" version 4 is newer than this Switchyard knows (3); upgrade Switchyard to open it',
        severity: 'error',
        nodeId: 'stamp-1',
      },
    ]);
    // Never guessed: the node stays exactly as it was.
    expect(migrated.nodes[2]).toBe(flow.nodes[2]);
  });

  it('reports a missing migration step instead of skipping it', () => {
    const flow = flowWith({ version: 1, config: { text: 'old' } }, { version: 2, config: { template: 'newer' } });
    const { flow: migrated, problems } = migrateFlow(flow, only(stampWithAGap));
    expect(problems).toEqual([
      {
        pointer: '/nodes/1/version',
        message: 'block "stamp" has no migration from version 1 to 2',
        severity: 'error',
        nodeId: 'stamp-0',
      },
    ]);
    expect(migrated.nodes[1]).toBe(flow.nodes[1]);
    // The version 2 node needs only step 3, which is there.
    expect(migrated.nodes[2]).toMatchObject({ version: 3, config: { template: 'newer', visibility: 'same' } });
  });

  it('looks blocks up in the catalog when no lookup is given', () => {
    expect(migrateFlow(routerFlow)).toEqual({ flow: routerFlow, problems: [] });
    const newer = { ...routerFlow, nodes: routerFlow.nodes.map((node, index) => (index === 1 ? { ...node, version: 2 } : node)) };
    expect(migrateFlow(newer).problems).toEqual([
      expect.objectContaining({ pointer: '/nodes/1/version', message: expect.stringContaining('"keyword-router" version 2 is newer than this Switchyard knows (1)') }),
    ]);
  });
});
