import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { accounts, routerFlow, tweet } from '../engine/fixtures.ts';
import { call, testRuntime } from './api.ts';

describe('resources API', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await testRuntime();
  });
  afterEach(() => runtime.close());

  it('creates, reads, replaces and deletes a resource', async () => {
    const skill = { kind: 'skill', id: 'billing', name: 'Billing' };
    expect((await call(runtime, 'POST', '/api/resources/skill', skill)).status).toBe(201);
    expect((await call(runtime, 'POST', '/api/resources/skill', skill)).status).toBe(409);
    expect((await call(runtime, 'GET', '/api/resources/skill/billing')).json.resource).toEqual(skill);
    expect((await call(runtime, 'PUT', '/api/resources/skill/billing', { ...skill, name: 'Payments' })).status).toBe(200);
    expect((await call(runtime, 'GET', '/api/resources/skill')).json.resources).toEqual([{ ...skill, name: 'Payments' }]);
    expect((await call(runtime, 'DELETE', '/api/resources/skill/billing')).status).toBe(204);
    expect((await call(runtime, 'GET', '/api/resources/skill/billing')).status).toBe(404);
  });

  it('names the bad field of a resource and keeps secrets out of documents', async () => {
    const schedule = { kind: 'schedule', id: 'hours', name: 'Hours', timeZone: 'Mars/Olympus', weekly: { mon: [{ from: '09:00', to: '17:00' }] } };
    const badZone = await call(runtime, 'POST', '/api/resources/schedule', schedule);
    expect(badZone.status).toBe(400);
    expect(badZone.json.pointer).toBe('/timeZone');
    const backwards = await call(runtime, 'POST', '/api/resources/schedule', { ...schedule, timeZone: 'Europe/Paris', weekly: { mon: [{ from: '17:00', to: '09:00' }] } });
    expect(backwards.json.pointer).toBe('/weekly/mon/0');
    const inlineSecret = await call(runtime, 'POST', '/api/resources/account', { ...accounts[0], secrets: { appSecret: 'hunter2' } });
    expect(inlineSecret.status).toBe(400);
    expect(inlineSecret.json.pointer).toBe('/secrets/appSecret');
    expect((await call(runtime, 'GET', '/api/resources/nonsense')).status).toBe(404);
  });

  it('refuses to delete a resource a published flow uses', async () => {
    for (const account of accounts) await call(runtime, 'POST', '/api/resources/account', account);
    await call(runtime, 'POST', '/api/flows', routerFlow);
    await call(runtime, 'POST', '/api/flows/router/publish', { comment: 'live' });
    const response = await call(runtime, 'DELETE', '/api/resources/account/acme-twitter');
    expect(response.status).toBe(409);
    expect(response.json.flows).toEqual(['router']);
  });

  it('toggles an emergency flag and the next run sees it', async () => {
    await call(runtime, 'POST', '/api/resources/flag', { kind: 'flag', id: 'outage', name: 'Outage', active: false });
    const on = await call(runtime, 'PUT', '/api/flags/outage', { active: true });
    expect(on.status).toBe(200);
    expect(runtime.engine.resources.get('flag', 'outage')?.active).toBe(true);
    expect((await call(runtime, 'PUT', '/api/flags/outage', { active: 'yes' })).json.pointer).toBe('/active');
    expect((await call(runtime, 'PUT', '/api/flags/nope', { active: true })).status).toBe(404);
  });
});

describe('messages, interactions and executions API', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    runtime = await testRuntime();
    for (const account of accounts) await call(runtime, 'POST', '/api/resources/account', account);
    await call(runtime, 'POST', '/api/flows', routerFlow);
    await call(runtime, 'POST', '/api/flows/router/publish', { comment: 'live' });
  });
  afterEach(() => runtime.close());

  it('injects a normalized message, runs the flow, and lists the interaction and execution', async () => {
    const response = await call(runtime, 'POST', '/api/messages', tweet('refund please', 'p-1'));
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('completed');
    const executions = await call(runtime, 'GET', '/api/executions?flow=router&status=completed');
    expect(executions.json.executions).toHaveLength(1);
    expect(executions.json.executions[0].steps.map((step: { port: string }) => step.port)).toEqual(['mention', 'billing', 'out', 'end']);
    const interactions = await call(runtime, 'GET', '/api/interactions?channel=twitter');
    expect(interactions.json.interactions).toHaveLength(1);
    const one = await call(runtime, 'GET', `/api/interactions/${response.json.interactionId}`);
    expect(one.json.messages[0].text).toBe('refund please');
  });

  it('names the bad field of a message and runs nothing', async () => {
    const noAuthor = await call(runtime, 'POST', '/api/messages', { ...tweet('x', 'p-2'), author: undefined });
    expect(noAuthor.status).toBe(400);
    expect(noAuthor.json.pointer).toBe('/author');
    const numericId = await call(runtime, 'POST', '/api/messages', { ...tweet('x', 'p-3'), platformMessageId: 1790000000000000001 });
    expect(numericId.json.pointer).toBe('/platformMessageId');
    const unknownAccount = await call(runtime, 'POST', '/api/messages', { ...tweet('x', 'p-4'), account: 'ghost' });
    expect(unknownAccount.status).toBe(400);
    expect(unknownAccount.json.pointer).toBe('/account');
    expect((await call(runtime, 'GET', '/api/executions')).json.executions).toHaveLength(0);
  });

  it('answers a repeated platform message id without running the flow again', async () => {
    await call(runtime, 'POST', '/api/messages', tweet('hello', 'p-5'));
    const again = await call(runtime, 'POST', '/api/messages', tweet('hello', 'p-5'));
    expect(again.json.status).toBe('duplicate');
    expect((await call(runtime, 'GET', '/api/executions')).json.executions).toHaveLength(1);
  });

  it('rejects bad filters with a 400 naming the parameter', async () => {
    const response = await call(runtime, 'GET', '/api/executions?limit=zero');
    expect(response.status).toBe(400);
    expect(response.json.pointer).toBe('?limit');
    expect((await call(runtime, 'GET', '/api/interactions?state=lost')).json.pointer).toBe('?state');
  });

  it('reports health', async () => {
    const response = await call(runtime, 'GET', '/health');
    expect(response.json).toEqual({ status: 'ok', publishedFlows: 1 });
  });
});
