import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../../runtime/src/store/types.ts';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import type { ActionSender, SendResult } from '../../../runtime/src/outbox/dispatcher.ts';
import { FLOWS, inject, offerFor, setStatus } from '../acd/support.ts';
import { call } from './api.ts';

/** Monday 15:00 in London, 10:00 in New York: social care and messaging are both open. */
const NOW = Date.parse('2026-03-02T15:00:00Z');

class Recorder implements ActionSender {
  readonly calls: OutboxRecord[] = [];
  async send(item: OutboxRecord): Promise<SendResult> {
    this.calls.push(item);
    return { ok: true, platformResultId: `p-${this.calls.length}` };
  }
}

function whatsapp(id: string, text: string) {
  return {
    channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp',
    author: { id: '447700900123', name: 'Priya Shah', phone: '+447700900123' }, text,
    replyTarget: { kind: 'message', id }, platformMessageId: id,
  };
}

describe('working an interaction', () => {
  let runtime: Runtime;
  let sender: Recorder;
  const clock = { now: NOW };

  beforeEach(async () => {
    sender = new Recorder();
    clock.now = NOW;
    runtime = await startRuntime(
      { database: ':memory:', seed: FLOWS, quiet: true, now: () => new Date(NOW), senders: { twitter: sender, whatsapp: sender }, acd: { now: () => clock.now } },
      false,
    );
  });
  afterEach(() => runtime.close());

  /** A public tweet routed to social-care and accepted by alice. */
  async function assigned(id = 'p-1') {
    await setStatus(runtime, 'alice', 'available');
    const interactionId = await inject(runtime, id);
    const offer = offerFor(runtime, interactionId)!;
    expect((await call(runtime, 'POST', `/api/offers/${offer.id}/accept`)).status).toBe(200);
    return interactionId;
  }

  const outbox = (id: string) => runtime.store.outbox.list({ interactionId: id });
  const outbound = (id: string) => runtime.store.messages.list({ interactionId: id }).filter((m) => m.direction === 'out');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

  it('replies with a standard response rendered for the contact, through the outbox, and files the outbound message', async () => {
    const id = await assigned();
    const reply = await call(runtime, 'POST', `/api/interactions/${id}/reply`, { responseId: 'dm-invite', visibility: 'same', agentId: 'alice' });
    expect(reply.status).toBe(201);
    expect(reply.json.outbox).toMatchObject({ action: 'reply', visibility: 'public', channel: 'twitter', target: { platformMessageId: 'p-1', authorId: '42' } });
    expect(reply.json.outbox.text).toMatch(/^Hi .+, we'd like to help/);
    expect(outbound(id)).toEqual([expect.objectContaining({ direction: 'out', text: reply.json.outbox.text, agentId: 'alice', outboxId: reply.json.outbox.id })]);
    await settle();
    expect(sender.calls.map((c) => c.id)).toContain(reply.json.outbox.id);

    const own = await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'Sorry {{ message.author.name }}, checking now', visibility: 'private' });
    expect(own.json.outbox).toMatchObject({ visibility: 'private', text: 'Sorry User 42, checking now' });
    expect(outbound(id)).toHaveLength(2);
  });

  it("gives the outbound message the platform's id once the reply is sent", async () => {
    const id = await assigned('tweet-9');
    const reply = await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'On it', visibility: 'private' });
    // Filed at once under its outbox id: the platform has not answered yet.
    expect(reply.json.message.platformMessageId).toBe(`outbox:${reply.json.outbox.id}`);
    while (runtime.store.outbox.get(reply.json.outbox.id)!.status !== 'sent') await settle();
    const sentAs = runtime.store.outbox.get(reply.json.outbox.id)!.platformResultId!;
    expect(sentAs).toMatch(/^p-\d+$/);
    const [message] = outbound(id);
    expect(message).toMatchObject({ platformMessageId: sentAs, message: expect.objectContaining({ platformMessageId: sentAs }) });
    expect(runtime.store.messages.has({ channel: 'twitter', account: 'acme-twitter', platformMessageId: sentAs })).toBe(true);
  });

  it('refuses bad replies with a 400 naming the field and changes nothing', async () => {
    const id = await assigned();
    const before = outbox(id).length;
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: '   ', visibility: 'public' })).json.pointer).toBe('/text');
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: '', visibility: 'public' })).status).toBe(400);
    const unknown = await call(runtime, 'POST', `/api/interactions/${id}/reply`, { responseId: 'nope', visibility: 'public' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.pointer).toBe('/responseId');
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'x', visibility: 'loud' })).json.pointer).toBe('/visibility');
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'x' })).status).toBe(201);
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'x', agentId: 'bob' })).status).toBe(403);
    expect((await call(runtime, 'POST', '/api/interactions/nope/reply', { text: 'x' })).status).toBe(404);
    expect(outbox(id).length).toBe(before + 1);
    expect(outbound(id)).toHaveLength(1);
  });

  it('likes, retweets and favorites the latest inbound message, and refuses where the channel has no such action', async () => {
    const id = await assigned();
    for (const action of ['like', 'retweet', 'favorite']) {
      const done = await call(runtime, 'POST', `/api/interactions/${id}/${action}`);
      expect(done.status).toBe(201);
      expect(done.json.outbox).toMatchObject({ action, channel: 'twitter', target: { platformMessageId: 'p-1' } });
    }
    expect(outbox(id).map((item) => item.action).sort()).toEqual(['favorite', 'like', 'retweet']);

    const dm = await call(runtime, 'POST', '/api/messages', whatsapp('wamid.1', 'where is my order?'));
    const dmId = dm.json.interactionId as string;
    expect(dmId).toBeTruthy();
    const refused = await call(runtime, 'POST', `/api/interactions/${dmId}/retweet`);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatch(/cannot retweet on whatsapp/);
    expect((await call(runtime, 'POST', `/api/interactions/${dmId}/like`)).status).toBe(400);
    expect(outbox(dmId)).toHaveLength(0);
  });

  it('moves a public conversation to private: a public invite, then replies go privately', async () => {
    const id = await assigned();
    const moved = await call(runtime, 'POST', `/api/interactions/${id}/move-to-private`, {});
    expect(moved.status).toBe(201);
    expect(moved.json.outbox).toMatchObject({ action: 'reply', visibility: 'public' });
    expect(moved.json.outbox.text).toMatch(/direct message/);
    expect(moved.json.interaction.visibility).toBe('private');
    const next = await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'Got your DM, thanks', visibility: 'same' });
    expect(next.json.outbox.visibility).toBe('private');
    expect((await call(runtime, 'POST', `/api/interactions/${id}/move-to-private`, {})).status).toBe(409);

    const dm = await call(runtime, 'POST', '/api/messages', whatsapp('wamid.2', 'hello'));
    const refused = await call(runtime, 'POST', `/api/interactions/${dm.json.interactionId}/move-to-private`, { text: 'DM us' });
    expect(refused.status).toBe(400);
    expect(outbox(dm.json.interactionId)).toHaveLength(0);
  });

  it('transfers to another queue: released from the agent and queued again there', async () => {
    const id = await assigned();
    expect((await call(runtime, 'POST', `/api/interactions/${id}/transfer`, { queue: 'nope' })).json.pointer).toBe('/queue');
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'assigned', agentId: 'alice', queue: 'social-care' });

    const moved = await call(runtime, 'POST', `/api/interactions/${id}/transfer`, { queue: 'social-technical' });
    expect(moved.status).toBe(200);
    expect(moved.json.from).toEqual({ queue: 'social-care', agentId: 'alice' });
    expect(runtime.acd.agent('alice')!.assigned).toEqual([]);
    expect(runtime.acd.acd.interaction(id)).toMatchObject({ queue: 'social-technical' });
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'queued', queue: 'social-technical', skills: [{ skill: 'social-media', level: expect.any(Number) }, { skill: 'technical', level: expect.any(Number) }] });
    expect(runtime.store.interactions.get(id)!.agentId).toBeUndefined();

    // bob has the technical skill: he gets the offer.
    await setStatus(runtime, 'bob', 'available');
    expect(offerFor(runtime, id)?.agentId).toBe('bob');
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'offered', agentId: 'bob' });
  });

  it('closes with a disposition where the queue requires one, and refuses a closed interaction', async () => {
    const id = await assigned();
    const missing = await call(runtime, 'POST', `/api/interactions/${id}/close`, {});
    expect(missing.status).toBe(400);
    expect(missing.json.pointer).toBe('/disposition');
    const unknown = await call(runtime, 'POST', `/api/interactions/${id}/close`, { disposition: 'made-up' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.pointer).toBe('/disposition');
    expect(runtime.store.interactions.get(id)).toMatchObject({ state: 'assigned', agentId: 'alice' });

    const closed = await call(runtime, 'POST', `/api/interactions/${id}/close`, { disposition: 'resolved' });
    expect(closed.status).toBe(200);
    expect(closed.json.interaction).toMatchObject({ state: 'closed', disposition: 'resolved' });
    expect(runtime.acd.agent('alice')!.load).toEqual({ public: 0 });
    const after = runtime.store.interactions.get(id);

    const again = await call(runtime, 'POST', `/api/interactions/${id}/close`, { disposition: 'spam' });
    expect(again.status).toBe(409);
    expect((await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'hello?' })).status).toBe(409);
    expect((await call(runtime, 'POST', `/api/interactions/${id}/like`)).status).toBe(409);
    expect((await call(runtime, 'POST', `/api/interactions/${id}/transfer`, { queue: 'orders' })).status).toBe(409);
    expect(runtime.store.interactions.get(id)).toEqual(after);
  });

  it('closes without a disposition where the queue does not require one', async () => {
    runtime.store.resources.put({ kind: 'queue', id: 'easy', name: 'Easy', skills: [{ skill: 'social-media', level: 1 }] });
    runtime.acd.resourceChanged(runtime.store.resources.get('queue', 'easy')!);
    const id = await assigned();
    expect((await call(runtime, 'POST', `/api/interactions/${id}/transfer`, { queue: 'easy' })).status).toBe(200);
    expect(runtime.store.interactions.get(id)!.queue).toBe('easy');
    const closed = await call(runtime, 'POST', `/api/interactions/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.json.interaction.state).toBe('closed');
    expect(closed.json.interaction.disposition).toBeUndefined();
    expect(runtime.acd.acd.interaction(id)).toBeUndefined();
  });

  it("shows the contact's history across channels: identities, interactions with dispositions, messages", async () => {
    const id = await assigned();
    await call(runtime, 'POST', `/api/interactions/${id}/reply`, { text: 'On it', visibility: 'public' });
    await call(runtime, 'POST', `/api/interactions/${id}/close`, { disposition: 'resolved' });
    const contactId = runtime.store.interactions.get(id)!.contactId!;
    runtime.store.contacts.addIdentity({ contactId, channel: 'whatsapp', platformId: '447700900123' });
    const dm = await call(runtime, 'POST', '/api/messages', whatsapp('wamid.3', 'and my second order?'));
    expect(runtime.store.interactions.get(dm.json.interactionId)!.contactId).toBe(contactId);

    const history = await call(runtime, 'GET', `/api/contacts/${contactId}/history`);
    expect(history.status).toBe(200);
    expect(history.json.identities.map((i: { channel: string }) => i.channel).sort()).toEqual(['twitter', 'whatsapp']);
    expect(history.json.interactions.map((i: { id: string }) => i.id)).toEqual([dm.json.interactionId, id]);
    expect(history.json.interactions[1].disposition).toMatchObject({ id: 'resolved', name: 'Resolved', outcome: 'resolved' });
    const messages = history.json.messages.map((m: { channel: string; direction: string; text: string }) => `${m.channel}:${m.direction}:${m.text}`);
    expect(messages).toEqual(expect.arrayContaining(['twitter:in:my parcel never arrived', 'twitter:out:On it', 'whatsapp:in:and my second order?']));
    expect((await call(runtime, 'GET', '/api/contacts/nope/history')).status).toBe(404);
  });
});
