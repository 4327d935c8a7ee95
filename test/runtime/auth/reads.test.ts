import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { offerFor } from '../acd/support.ts';
import { tweet } from '../engine/fixtures.ts';
import { as, authRuntime, type Tokens } from './support.ts';

interface Listed {
  id: string;
  interactionId?: string;
}

describe('what an agent may read (sign-in on)', () => {
  let runtime: Runtime;
  let clock: { now: number };
  let tokens: Tokens;
  let alices: string;
  let bobs: string;

  const inject = async (id: string, author: string) => {
    const response = await as(runtime, tokens.ana, 'POST', '/api/messages', tweet('my parcel never arrived', id, author));
    expect(response.status).toBe(200);
    return response.json.interactionId as string;
  };
  const accept = async (token: string, interactionId: string) => {
    const offer = offerFor(runtime, interactionId)!;
    expect((await as(runtime, token, 'POST', `/api/offers/${offer.id}/accept`)).status).toBe(200);
  };
  const ids = (items: Listed[]) => items.map((item) => item.id).sort();

  beforeEach(async () => {
    ({ runtime, clock, tokens } = await authRuntime());
    expect((await as(runtime, tokens.alice, 'POST', '/api/agents/alice/status', { status: 'available' })).status).toBe(200);
    clock.now += 1000;
    expect((await as(runtime, tokens.bob, 'POST', '/api/agents/bob/status', { status: 'available' })).status).toBe(200);
    alices = await inject('r-1', '42');
    expect(offerFor(runtime, alices)!.agentId).toBe('alice');
    await accept(tokens.alice, alices);
    // Alice on a break, so the next one is bob's.
    expect((await as(runtime, tokens.alice, 'POST', '/api/agents/alice/status', { status: 'not-ready', reason: 'break' })).status).toBe(200);
    bobs = await inject('r-2', '43');
    expect(offerFor(runtime, bobs)!.agentId).toBe('bob');
    await accept(tokens.bob, bobs);
    expect((await as(runtime, tokens.alice, 'POST', `/api/interactions/${alices}/reply`, { text: 'On it', visibility: 'private' })).status).toBe(201);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${bobs}/reply`, { text: 'Looking', visibility: 'private' })).status).toBe(201);
  });
  afterEach(() => runtime.close());

  it('lists only their own interactions; supervisors, analysts and admins see all', async () => {
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions')).json.interactions)).toEqual([alices]);
    expect(ids((await as(runtime, tokens.bob, 'GET', '/api/interactions')).json.interactions)).toEqual([bobs]);
    for (const who of ['sue', 'ana', 'root'] as const) {
      expect(ids((await as(runtime, tokens[who], 'GET', '/api/interactions')).json.interactions)).toEqual([alices, bobs].sort());
    }
    // The usual filters still apply, and bad ones name the field.
    expect((await as(runtime, tokens.alice, 'GET', '/api/interactions?state=closed')).json.interactions).toEqual([]);
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions?state=assigned')).json.interactions)).toEqual([alices]);
    const bad = await as(runtime, tokens.alice, 'GET', '/api/interactions?state=nonsense');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('state');
  });

  it('filters the list by agent: anyone who sees all may name one, an agent may name only themselves', async () => {
    expect(ids((await as(runtime, tokens.sue, 'GET', '/api/interactions?agentId=bob')).json.interactions)).toEqual([bobs]);
    expect(ids((await as(runtime, tokens.root, 'GET', '/api/interactions?agentId=alice&state=assigned')).json.interactions)).toEqual([alices]);
    expect((await as(runtime, tokens.ana, 'GET', '/api/interactions?agentId=carol')).json.interactions).toEqual([]);
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions?agentId=alice')).json.interactions)).toEqual([alices]);
    const other = await as(runtime, tokens.alice, 'GET', '/api/interactions?agentId=bob');
    expect(other.status).toBe(403);
    expect(other.json.pointer).toBe('?agentId');
    const bad = await as(runtime, tokens.sue, 'GET', '/api/interactions?agentId=Not%20An%20Id');
    expect(bad.status).toBe(400);
    expect(bad.json.pointer).toBe('?agentId');
  });

  it("refuses another agent's interaction with 403 and shows their own", async () => {
    expect((await as(runtime, tokens.alice, 'GET', `/api/interactions/${bobs}`)).status).toBe(403);
    const own = await as(runtime, tokens.alice, 'GET', `/api/interactions/${alices}`);
    expect(own.status).toBe(200);
    expect(own.json.interaction.id).toBe(alices);
    expect((await as(runtime, tokens.sue, 'GET', `/api/interactions/${bobs}`)).status).toBe(200);
  });

  it('lists only the executions and outbox items of their own interactions', async () => {
    const executions = (await as(runtime, tokens.alice, 'GET', '/api/executions')).json.executions as Listed[];
    expect(executions.length).toBeGreaterThan(0);
    expect(new Set(executions.map((execution) => execution.interactionId))).toEqual(new Set([alices]));
    const all = (await as(runtime, tokens.sue, 'GET', '/api/executions')).json.executions as Listed[];
    expect(new Set(all.map((execution) => execution.interactionId))).toEqual(new Set([alices, bobs]));

    expect((await as(runtime, tokens.alice, 'GET', `/api/executions?interaction=${bobs}`)).status).toBe(403);
    const bobsRun = all.find((execution) => execution.interactionId === bobs)!;
    expect((await as(runtime, tokens.alice, 'GET', `/api/executions/${bobsRun.id}`)).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'GET', `/api/executions/${bobsRun.id}`)).status).toBe(200);

    const items = (await as(runtime, tokens.alice, 'GET', '/api/outbox')).json.items as Listed[];
    expect(items.map((item) => item.interactionId)).toEqual([alices]);
    expect((await as(runtime, tokens.sue, 'GET', '/api/outbox')).json.items).toHaveLength(2);
    expect((await as(runtime, tokens.alice, 'GET', `/api/outbox?interaction=${bobs}`)).status).toBe(403);
  });

  it('may read an interaction in their personal queue (denied), but not one offered to or parked with someone else', async () => {
    // Bob is full (public: 1), alice is back: the third one is offered to her.
    expect((await as(runtime, tokens.alice, 'POST', '/api/agents/alice/status', { status: 'available' })).status).toBe(200);
    const third = await inject('r-3', '44');
    const offer = offerFor(runtime, third)!;
    expect(offer.agentId).toBe('alice');
    expect((await as(runtime, tokens.bob, 'GET', `/api/interactions/${third}`)).status).toBe(403);
    expect((await as(runtime, tokens.alice, 'POST', `/api/offers/${offer.id}/deny`)).status).toBe(200);
    expect(runtime.acd.agent('alice')!.personalQueue).toContain(third);
    expect(runtime.store.interactions.get(third)!.agentId).toBeUndefined();
    expect((await as(runtime, tokens.alice, 'GET', `/api/interactions/${third}`)).status).toBe(200);
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions')).json.interactions)).toEqual([alices, third].sort());
    // Parked with her, it is held by no agent: naming herself lists only what she holds.
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions?agentId=alice')).json.interactions)).toEqual([alices]);
    expect(ids((await as(runtime, tokens.alice, 'GET', '/api/interactions?state=queued')).json.interactions)).toEqual([third]);
    expect((await as(runtime, tokens.bob, 'GET', `/api/interactions/${third}`)).status).toBe(403);
  });
});
