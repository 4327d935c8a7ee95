import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { acdRuntime, inject, offerFor, setStatus } from '../acd/support.ts';
import { call } from './api.ts';

describe('agents API', () => {
  let runtime: Runtime;
  let clock: { now: number };
  beforeEach(async () => {
    ({ runtime, clock } = await acdRuntime());
  });
  afterEach(() => runtime.close());

  it('offers a routed message to the available agent with the skills, and accept assigns it', async () => {
    expect((await setStatus(runtime, 'alice', 'available')).status).toBe(200);
    const id = await inject(runtime, 'p-1');
    const offer = offerFor(runtime, id)!;
    expect(offer.agentId).toBe('alice');
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'offered', agentId: 'alice' });

    const listed = await call(runtime, 'GET', '/api/agents');
    const alice = listed.json.agents.find((a: { resource: { id: string } }) => a.resource.id === 'alice');
    expect(alice).toMatchObject({ status: 'available', offers: [{ id: offer.id, interactionId: id }], load: { public: 1 } });
    expect(listed.json.agents.find((a: { resource: { id: string } }) => a.resource.id === 'bob').status).toBe('offline');

    const accepted = await call(runtime, 'POST', `/api/offers/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json.interaction).toMatchObject({ id, state: 'assigned', agentId: 'alice' });
    const interaction = runtime.store.interactions.get(id)!;
    expect(runtime.store.acd.subscriptions('alice').map((s) => s.contactId)).toEqual([interaction.contactId]);
    expect(runtime.store.acd.offer(offer.id)).toMatchObject({ endReason: 'accepted' });
  });

  it('answers accepting twice with 409 and changes nothing', async () => {
    await setStatus(runtime, 'alice', 'available');
    const id = await inject(runtime, 'p-1');
    const offer = offerFor(runtime, id)!;
    expect((await call(runtime, 'POST', `/api/offers/${offer.id}/accept`)).status).toBe(200);
    const before = runtime.store.interactions.get(id);
    const again = await call(runtime, 'POST', `/api/offers/${offer.id}/accept`);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('offer-closed');
    expect(runtime.store.interactions.get(id)).toEqual(before);
    expect(runtime.acd.agent('alice')!.assigned).toEqual([id]);
    expect((await call(runtime, 'POST', `/api/offers/${offer.id}/deny`)).status).toBe(409);
  });

  it('gives a denied offer to the next agent and parks it with the first, who can pull it', async () => {
    await setStatus(runtime, 'alice', 'available');
    clock.now += 1000;
    await setStatus(runtime, 'bob', 'available');
    const id = await inject(runtime, 'p-1');
    const first = offerFor(runtime, id)!;
    expect(first.agentId).toBe('alice'); // idle longest
    const denied = await call(runtime, 'POST', `/api/offers/${first.id}/deny`, { agentId: 'alice' });
    expect(denied.status).toBe(200);
    const second = offerFor(runtime, id)!;
    expect(second.agentId).toBe('bob');
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'offered', agentId: 'bob' });
    expect(runtime.store.acd.offer(first.id)).toMatchObject({ endReason: 'denied' });
    expect((await call(runtime, 'GET', '/api/agents')).json.agents[0]).toMatchObject({ resource: { id: 'alice' }, personalQueue: [id] });

    const pulled = await call(runtime, 'POST', `/api/agents/alice/personal-queue/${id}/pull`);
    expect(pulled.status).toBe(200);
    expect(pulled.json.interaction).toMatchObject({ state: 'assigned', agentId: 'alice' });
    expect(runtime.store.acd.offer(second.id)).toMatchObject({ endReason: 'taken' });
    expect((await call(runtime, 'POST', `/api/offers/${second.id}/accept`)).status).toBe(409);

    const released = await call(runtime, 'POST', `/api/interactions/${id}/release`, { agentId: 'alice' });
    expect(released.json.interaction).toMatchObject({ state: 'closed' });
    expect(runtime.acd.agent('alice')!.load).toEqual({ public: 0 });
  });

  it('expires an offer on the timer and offers it again', async () => {
    await runtime.close();
    ({ runtime, clock } = await acdRuntime({ offerTimeoutMs: 50 }));
    await setStatus(runtime, 'alice', 'available');
    await setStatus(runtime, 'bob', 'available');
    const id = await inject(runtime, 'p-1');
    const first = offerFor(runtime, id)!;
    clock.now += 60;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(runtime.store.acd.offer(first.id)).toMatchObject({ endReason: 'expired' });
    expect(offerFor(runtime, id)?.agentId).toBe(first.agentId === 'alice' ? 'bob' : 'alice');
    const late = await call(runtime, 'POST', `/api/offers/${first.id}/accept`);
    expect(late.status).toBe(409);
  });

  it('maps bad input to clear 4xx answers', async () => {
    await setStatus(runtime, 'alice', 'available');
    const id = await inject(runtime, 'p-1');
    const offer = offerFor(runtime, id)!;
    expect((await call(runtime, 'POST', `/api/offers/${offer.id}/accept`, { agentId: 'bob' })).status).toBe(403);
    expect((await call(runtime, 'POST', '/api/offers/nope/accept')).status).toBe(404);
    expect((await call(runtime, 'POST', '/api/offers/nope/accept', { agentId: 42 })).status).toBe(400);
    expect((await setStatus(runtime, 'ghost', 'available')).status).toBe(404);
    const noReason = await setStatus(runtime, 'bob', 'not-ready');
    expect(noReason.status).toBe(400);
    expect((await call(runtime, 'POST', '/api/agents/bob/status', { status: 'asleep' })).json.pointer).toBe('/status');
    expect((await call(runtime, 'POST', `/api/interactions/${id}/release`)).status).toBe(409); // offered, not assigned
    expect((await call(runtime, 'POST', `/api/agents/bob/personal-queue/${id}/pull`)).status).toBe(409);
    expect((await call(runtime, 'POST', '/api/interactions/nope/release')).status).toBe(404);
    await call(runtime, 'POST', `/api/offers/${offer.id}/accept`);
    expect((await call(runtime, 'POST', `/api/interactions/${id}/release`, { agentId: 'bob' })).status).toBe(403);
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'assigned', agentId: 'alice' });
    const breakTime = await setStatus(runtime, 'bob', 'not-ready', 'break');
    expect(breakTime.json.agent).toMatchObject({ status: 'not-ready', reason: 'break' });
    expect(runtime.store.acd.agentState('bob')).toMatchObject({ status: 'not-ready', reason: 'break' });
  });

  it('takes agents and queue changes saved through the resources API', async () => {
    const carol = { kind: 'agent', id: 'carol', name: 'Carol', skills: [{ skill: 'social-media', level: 2 }], capacity: { public: 1 } };
    expect((await call(runtime, 'POST', '/api/resources/agent', { ...carol, skills: [{ skill: 'knitting', level: 2 }] })).json.pointer).toBe('/skills/0/skill');
    expect((await call(runtime, 'POST', '/api/resources/agent', { ...carol, skills: [{ skill: 'social-media', level: 6 }] })).status).toBe(400);
    expect((await call(runtime, 'POST', '/api/resources/agent', { ...carol, capacity: { 'Twitter DM': 1 } })).status).toBe(400);
    expect((await call(runtime, 'POST', '/api/resources/agent', carol)).status).toBe(201);
    await setStatus(runtime, 'carol', 'available');
    const id = await inject(runtime, 'p-1');
    expect(offerFor(runtime, id)?.agentId).toBe('carol');
    // Capacity lowered below her load: the offer is withdrawn and the interaction waits again.
    await call(runtime, 'PUT', '/api/resources/agent/carol', { ...carol, capacity: { public: 0 } });
    expect(offerFor(runtime, id)).toBeUndefined();
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'queued' });
  });
});

/** The text of a server-sent event stream as it arrives; `readUntil` reads until the pattern shows. */
function sseText(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events = {
    text: '',
    async readUntil(pattern: RegExp): Promise<void> {
      while (!pattern.test(events.text)) {
        const { value, done } = await reader.read();
        if (done) break;
        events.text += value;
      }
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
  return events;
}

describe('agent event stream', () => {
  it('pushes the offer to the agent over server-sent events', async () => {
    const { runtime } = await acdRuntime({ listen: true });
    try {
      await setStatus(runtime, 'alice', 'available');
      const controller = new AbortController();
      const response = await fetch(`${runtime.url}/api/agents/alice/events`, { signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const events = sseText(response);
      await events.readUntil(/event: hello/);
      const id = await inject(runtime, 'p-1');
      await events.readUntil(/event: offered\ndata: .*\n/);
      const data = JSON.parse(/event: offered\ndata: (.*)\n/.exec(events.text)![1]);
      expect(data.offer).toMatchObject({ interactionId: id, agentId: 'alice' });
      await call(runtime, 'POST', `/api/offers/${data.offer.id}/accept`);
      await events.readUntil(/event: assigned/);
      expect(events.text).not.toMatch(/event: status/); // the status change came before the stream opened
      controller.abort();
      await events.cancel();
    } finally {
      await runtime.close();
    }
  });

  it("tells supervisors of every ACD event, an interaction waiting for nobody in particular included", async () => {
    const { runtime } = await acdRuntime({ listen: true });
    try {
      const controller = new AbortController();
      const response = await fetch(`${runtime.url}/api/acd/events`, { signal: controller.signal });
      const events = sseText(response);
      await events.readUntil(/event: hello/);
      const id = await inject(runtime, 'p-sup-1');
      await events.readUntil(/event: queued\ndata: .*\n/);
      expect(/event: queued\ndata: (.*)\n/.exec(events.text)![1]).toContain(id);
      controller.abort();
      await events.cancel();
    } finally {
      await runtime.close();
    }
  });

  it('answers 404 for an unknown agent', async () => {
    const { runtime } = await acdRuntime();
    expect((await call(runtime, 'GET', '/api/agents/ghost/events')).status).toBe(404);
    await runtime.close();
  });
});
