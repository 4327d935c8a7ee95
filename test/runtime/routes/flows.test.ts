import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { accounts, routerFlow, tweet } from '../engine/fixtures.ts';
import { call, testRuntime } from './api.ts';

describe('flows API', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await testRuntime();
    for (const account of accounts) await call(runtime, 'POST', `/api/resources/account`, account);
  });
  afterEach(() => runtime.close());

  it('creates a draft, saves it with its revision and refuses a stale save with 409', async () => {
    const created = await call(runtime, 'POST', '/api/flows', routerFlow);
    expect(created.status).toBe(201);
    expect(created.json.flow.revision).toBe(1);
    const saved = await call(runtime, 'PUT', '/api/flows/router', { ...routerFlow, name: 'Renamed', revision: 1 });
    expect(saved.status).toBe(200);
    expect(saved.json.flow.revision).toBe(2);
    const stale = await call(runtime, 'PUT', '/api/flows/router', { ...routerFlow, name: 'Lost update', revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.pointer).toBe('/revision');
    const current = await call(runtime, 'GET', '/api/flows/router');
    expect(current.json.flow.name).toBe('Renamed');
  });

  it('rejects an unknown block type on save with the pointer of the field, and stores nothing', async () => {
    const bad = { ...routerFlow, nodes: [...routerFlow.nodes, { id: 'x', type: 'teleport', version: 1, config: {} }] };
    const response = await call(runtime, 'POST', '/api/flows', bad);
    expect(response.status).toBe(400);
    expect(response.json.pointer).toBe('/nodes/4/type');
    expect(response.json.error).toContain('teleport');
    expect((await call(runtime, 'GET', '/api/flows')).json.flows).toHaveLength(0);
  });

  it('answers malformed JSON, wrong types and empty bodies with a 400 naming the field', async () => {
    const malformed = await call(runtime, 'POST', '/api/flows', '{"id": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error).toMatch(/malformed JSON/);
    const wrongType = await call(runtime, 'POST', '/api/flows', { ...routerFlow, nodes: 'many' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.pointer).toBe('/nodes');
    const empty = await call(runtime, 'POST', '/api/flows', '');
    expect(empty.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const small = await testRuntime({ maxBodyBytes: 1000 });
    const response = await call(small, 'POST', '/api/flows', { ...routerFlow, description: 'x'.repeat(5000) });
    expect(response.status).toBe(413);
    await small.close();
  });

  it('publishes immutable versions, lists them and rolls back by publishing an old one again', async () => {
    await call(runtime, 'POST', '/api/flows', routerFlow);
    const first = await call(runtime, 'POST', '/api/flows/router/publish', { comment: 'first' });
    expect(first.status).toBe(201);
    expect(first.json.version.version).toBe(1);
    const changed = {
      ...routerFlow,
      revision: 1,
      nodes: routerFlow.nodes.map((node) =>
        node.id === 'route' ? { ...node, config: { rules: [{ port: 'billing', keywords: ['money'] }] } } : node,
      ),
    };
    await call(runtime, 'PUT', '/api/flows/router', changed);
    const second = await call(runtime, 'POST', '/api/flows/router/publish', { comment: 'money' });
    expect(second.json.version.version).toBe(2);
    const onSecond = await call(runtime, 'POST', '/api/messages', tweet('refund', 'm-1'));
    expect(onSecond.json.steps[1].port).toBe('default');
    const rollback = await call(runtime, 'POST', '/api/flows/router/rollback', { version: 1 });
    expect(rollback.status).toBe(201);
    expect(rollback.json.version).toMatchObject({ version: 3, rolledBackFrom: 1 });
    const onThird = await call(runtime, 'POST', '/api/messages', tweet('refund', 'm-2'));
    expect(onThird.json.flow).toEqual({ id: 'router', version: 3 });
    expect(onThird.json.steps[1].port).toBe('billing');
    const versions = await call(runtime, 'GET', '/api/flows/router/versions');
    expect(versions.json.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(versions.json.activeVersion).toBe(3);
  });

  it('refuses to publish a flow with problems and lists them', async () => {
    const dangling = { ...routerFlow, edges: routerFlow.edges.filter((edge) => edge.port !== 'default') };
    await call(runtime, 'POST', '/api/flows', dangling);
    const response = await call(runtime, 'POST', '/api/flows/router/publish', { comment: 'try' });
    expect(response.status).toBe(400);
    expect(response.json.problems.some((problem: { message: string }) => /port "default"/.test(problem.message))).toBe(true);
    expect((await call(runtime, 'GET', '/api/flows/router/versions')).json.versions).toHaveLength(0);
  });

  it('simulates the draft with a clock time and returns the trace, writing nothing', async () => {
    await call(runtime, 'POST', '/api/flows', routerFlow);
    const response = await call(runtime, 'POST', '/api/flows/router/simulate', { message: tweet('invoice', 's-1'), at: '2026-03-02T22:00:00Z' });
    expect(response.status).toBe(200);
    expect(response.json.steps.map((step: { port: string }) => step.port)).toEqual(['mention', 'billing', 'out', 'end']);
    expect((await call(runtime, 'GET', '/api/executions')).json.executions).toHaveLength(0);
  });

  it('answers unknown flows and versions with 404', async () => {
    expect((await call(runtime, 'GET', '/api/flows/nope')).status).toBe(404);
    await call(runtime, 'POST', '/api/flows', routerFlow);
    expect((await call(runtime, 'POST', '/api/flows/router/rollback', { version: 9 })).status).toBe(404);
    expect((await call(runtime, 'GET', '/api/flows/router/versions/9')).status).toBe(404);
  });
});
