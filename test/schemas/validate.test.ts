import { describe, expect, it } from 'vitest';
import type { Flow } from '../../schemas/flow.ts';
import { indexResources, validateFlow } from '../../schemas/validate.ts';
import { routerFlow } from '../runtime/engine/fixtures.ts';

const resources = indexResources([
  { kind: 'account', id: 'acme-twitter' },
  { kind: 'queue', id: 'care' },
  { kind: 'schedule', id: 'hours' },
]);

function problemsOf(flow: unknown) {
  return validateFlow(flow, resources).problems.map((problem) => `${problem.pointer}: ${problem.message}`);
}

function withChanges(change: (flow: Flow) => void): Flow {
  const copy = structuredClone(routerFlow);
  change(copy);
  return copy;
}

describe('validateFlow', () => {
  it('accepts a correct flow', () => {
    expect(problemsOf(routerFlow)).toEqual([]);
  });

  it('names the field of a schema error with its JSON pointer', () => {
    expect(problemsOf({ ...routerFlow, name: 7 })).toEqual(['/name: must be string']);
    expect(problemsOf(withChanges((flow) => delete (flow.edges[0] as Partial<typeof flow.edges[0]>).port))).toEqual(['/edges/0/port: is required']);
  });

  it('rejects an unknown block type and a block version newer than it knows', () => {
    expect(problemsOf(withChanges((flow) => (flow.nodes[3].type = 'teleport')))[0]).toMatch(/^\/nodes\/3\/type: unknown block type "teleport"/);
    expect(problemsOf(withChanges((flow) => (flow.nodes[3].version = 9)))[0]).toMatch(/^\/nodes\/3\/version: .*newer than this Switchyard knows/);
  });

  it("checks each node's config against its block schema", () => {
    expect(problemsOf(withChanges((flow) => (flow.nodes[1].config = { rules: [] })))).toEqual([
      '/nodes/1/config/rules: must NOT have fewer than 1 items',
    ]);
  });

  it('finds dangling edges, unknown ports and unconnected ports', () => {
    expect(problemsOf(withChanges((flow) => (flow.edges[3].to = 'ghost')))).toContain('/edges/3/to: node "ghost" does not exist');
    expect(problemsOf(withChanges((flow) => (flow.edges[3].port = 'shipping')))).toContainEqual(expect.stringMatching(/^\/edges\/3\/port: .*no port "shipping"/));
    expect(problemsOf(withChanges((flow) => flow.edges.splice(4, 1)))).toContainEqual(expect.stringMatching(/^\/nodes\/1: port "default" .* is not connected/));
  });

  it('finds unreachable nodes and a missing trigger', () => {
    const stray = withChanges((flow) => flow.nodes.push({ id: 'stray', type: 'end', version: 1, config: {} }));
    expect(problemsOf(stray)).toContainEqual(expect.stringMatching(/^\/nodes\/4: .*"stray" cannot be reached/));
    const noTrigger = withChanges((flow) => {
      flow.nodes.shift();
      flow.edges = flow.edges.filter((edge) => edge.from !== 'start');
    });
    expect(problemsOf(noTrigger)).toContain('/nodes: the flow has no trigger block: nothing would ever start it');
  });

  it('finds a cycle that has no waiting block, and allows one through a waiting block', () => {
    const loop = withChanges((flow) => {
      flow.edges = flow.edges.map((edge) => (edge.from === 'tag' ? { ...edge, to: 'route' } : edge));
    });
    expect(problemsOf(loop)).toContainEqual(expect.stringMatching(/cycle route → tag → route has no block that waits/));
    const retryLoop = withChanges((flow) => {
      flow.nodes.push({ id: 'reply', type: 'auto-reply', version: 1, config: { text: 'hi' } });
      flow.edges = flow.edges.map((edge) => (edge.from === 'tag' ? { ...edge, to: 'reply' } : edge));
      flow.edges.push({ from: 'reply', port: 'failed', to: 'tag' }, { from: 'reply', port: 'sent', to: 'done' });
    });
    expect(problemsOf(retryLoop)).toEqual([]);
  });

  it('finds references to unknown resources and accounts', () => {
    const flow = withChanges((draft) => {
      draft.trigger.accounts = ['acme-twitter', 'acme-ghost'];
      draft.nodes.push({ id: 'hours', type: 'operating-hours', version: 1, config: { schedule: 'nights' } });
      draft.edges = draft.edges.map((edge) => (edge.from === 'tag' ? { ...edge, to: 'hours' } : edge));
      draft.edges.push({ from: 'hours', port: 'open', to: 'done' }, { from: 'hours', port: 'closed', to: 'done' });
    });
    expect(problemsOf(flow)).toEqual(['/trigger/accounts/1: unknown account "acme-ghost"', '/nodes/4/config/schedule: unknown schedule "nights"']);
  });

  it('finds template variables that no earlier block sets', () => {
    const flow = withChanges((draft) => {
      draft.nodes[2].config = { assignments: [{ name: 'topic', value: '{{ vars.orderId }} for {{ contact.name }} {{ mesage.text }}' }] };
    });
    expect(problemsOf(flow)).toEqual([
      '/nodes/2/config/assignments/0/value: template variable "vars.orderId" is not set by any block before this one',
      '/nodes/2/config/assignments/0/value: template variable "contact.name" needs a block that sets "contact" earlier in the flow',
      expect.stringMatching(/template variable "mesage.text" is unknown/),
    ]);
  });
});
