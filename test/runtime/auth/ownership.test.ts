import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { offerFor } from '../acd/support.ts';
import { tweet } from '../engine/fixtures.ts';
import { as, authRuntime, type Tokens } from './support.ts';

describe('an agent acts only on their own work (sign-in on)', () => {
  let runtime: Runtime;
  let clock: { now: number };
  let tokens: Tokens;
  beforeEach(async () => {
    ({ runtime, clock, tokens } = await authRuntime());
    expect((await as(runtime, tokens.alice, 'POST', '/api/agents/alice/status', { status: 'available' })).status).toBe(200);
    clock.now += 1000;
    expect((await as(runtime, tokens.bob, 'POST', '/api/agents/bob/status', { status: 'available' })).status).toBe(200);
  });
  afterEach(() => runtime.close());

  const inject = async (id: string) => {
    const response = await as(runtime, tokens.ana, 'POST', '/api/messages', tweet('my parcel never arrived', id));
    expect(response.status).toBe(200);
    return response.json.interactionId as string;
  };

  it("refuses another agent's offer with 403, whatever the body claims, and changes nothing", async () => {
    const id = await inject('p-1');
    const offer = offerFor(runtime, id)!;
    expect(offer.agentId).toBe('alice');
    const interaction = runtime.store.interactions.get(id);

    const stolen = await as(runtime, tokens.bob, 'POST', `/api/offers/${offer.id}/accept`);
    expect(stolen.status).toBe(403);
    const impersonated = await as(runtime, tokens.bob, 'POST', `/api/offers/${offer.id}/accept`, { agentId: 'alice' });
    expect(impersonated.status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/offers/${offer.id}/deny`)).status).toBe(403);
    expect(runtime.store.interactions.get(id)).toEqual(interaction);
    expect(runtime.store.acd.offer(offer.id)?.endReason).toBeUndefined();
    expect(runtime.acd.agent('bob')!.assigned).toEqual([]);

    const accepted = await as(runtime, tokens.alice, 'POST', `/api/offers/${offer.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json.interaction).toMatchObject({ id, state: 'assigned', agentId: 'alice' });
  });

  it("refuses replies, closing, transfer, release and history on another agent's interaction; the owner can reply", async () => {
    const id = await inject('p-2');
    const offer = offerFor(runtime, id)!;
    expect((await as(runtime, tokens.alice, 'POST', `/api/offers/${offer.id}/accept`)).status).toBe(200);
    const before = runtime.store.interactions.get(id)!;

    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/reply`, { text: 'hi', visibility: 'private' })).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/reply`, { text: 'hi', visibility: 'private', agentId: 'alice' })).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/close`)).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/like`)).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/transfer`, { queue: 'social-care' })).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'POST', `/api/interactions/${id}/release`)).status).toBe(403);
    expect((await as(runtime, tokens.bob, 'GET', `/api/contacts/${before.contactId}/history`)).status).toBe(403);
    expect(runtime.store.interactions.get(id)).toEqual(before);
    expect(runtime.store.outbox.list({ limit: 10 })).toHaveLength(0);

    const reply = await as(runtime, tokens.alice, 'POST', `/api/interactions/${id}/reply`, { text: 'On it', visibility: 'private' });
    expect(reply.status).toBe(201);
    expect(reply.json.message).toMatchObject({ agentId: 'alice' });
    expect((await as(runtime, tokens.alice, 'GET', `/api/contacts/${before.contactId}/history`)).status).toBe(200);
    // A supervisor may act on anyone's interaction.
    expect((await as(runtime, tokens.sue, 'POST', `/api/interactions/${id}/close`, { disposition: 'resolved' })).status).toBe(200);
  });

  it("keeps an agent out of another agent's status, queue and event stream, and lists only themselves", async () => {
    expect((await as(runtime, tokens.bob, 'POST', '/api/agents/alice/status', { status: 'offline' })).status).toBe(403);
    expect(runtime.acd.agent('alice')!.status).toBe('available');
    expect((await as(runtime, tokens.bob, 'POST', '/api/agents/alice/personal-queue/x/pull')).status).toBe(403);
    const listed = await as(runtime, tokens.bob, 'GET', '/api/agents');
    expect(listed.json.agents.map((a: { resource: { id: string } }) => a.resource.id)).toEqual(['bob']);
    expect((await as(runtime, tokens.sue, 'GET', '/api/agents')).json.agents).toHaveLength(2);

    expect((await runtime.app.request('/api/agents/alice/events')).status).toBe(401);
    expect((await runtime.app.request(`/api/agents/alice/events?access_token=${tokens.bob}`)).status).toBe(403);
    const own = await runtime.app.request(`/api/agents/alice/events?access_token=${tokens.alice}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toContain('text/event-stream');
    await own.body?.cancel();
    expect((await runtime.app.request(`/api/acd/events?access_token=${tokens.alice}`)).status).toBe(403);
    const supervising = await runtime.app.request(`/api/acd/events?access_token=${tokens.sue}`);
    expect(supervising.status).toBe(200);
    await supervising.body?.cancel();
    // The query token is for the event streams only.
    expect((await runtime.app.request(`/api/agents?access_token=${tokens.alice}`)).status).toBe(401);
  });
});
