import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import { call } from '../routes/api.ts';
import { FLOWS, offerFor, setStatus } from './support.ts';

// Tuesday 16 June 2026, 10:00 in New York: the messaging-continuity flow is open.
const TUESDAY_10_NEW_YORK = Date.parse('2026-06-16T14:00:00Z');

function whatsapp(wamid: string, text: string) {
  return {
    channel: 'whatsapp', visibility: 'private', kind: 'message', account: 'acme-whatsapp',
    author: { id: '447700900123', name: 'Priya Shah', phone: '+447700900123' }, text,
    replyTarget: { kind: 'message', id: wamid }, platformMessageId: wamid,
  };
}

describe("ACD: the conversation's last agent", () => {
  let runtime: Runtime;
  const clock = { now: TUESDAY_10_NEW_YORK };
  beforeEach(async () => {
    clock.now = TUESDAY_10_NEW_YORK;
    runtime = await startRuntime(
      { database: ':memory:', seed: FLOWS, quiet: true, now: () => new Date(clock.now), senders: {}, acd: { now: () => clock.now } },
      false,
    );
  });
  afterEach(() => runtime.close());

  const send = async (wamid: string, text: string) => {
    const response = await call(runtime, 'POST', '/api/messages', whatsapp(wamid, text));
    expect(response.status).toBe(200);
    return response.json.interactionId as string;
  };

  it('is the agent who took it: the flow prefers them for the next message within the window, and holds it for them', async () => {
    await setStatus(runtime, 'bob', 'available');
    const first = await send('wamid.la-1', 'Hi, a question about my invoice');
    await call(runtime, 'POST', `/api/offers/${offerFor(runtime, first)!.id}/accept`);
    const conversationId = runtime.store.interactions.get(first)!.conversationId!;
    expect(runtime.store.contacts.openConversation(runtime.store.interactions.get(first)!.contactId!, 'whatsapp', '2026-06-01T00:00:00Z')).toMatchObject({
      id: conversationId,
      lastAgentId: 'bob',
    });
    expect((await call(runtime, 'POST', `/api/interactions/${first}/close`, { disposition: 'resolved-private' })).status).toBe(200);

    // Bob steps away; the customer writes again an hour later.
    await setStatus(runtime, 'bob', 'not-ready', 'lunch');
    clock.now += 60 * 60 * 1000;
    const second = await send('wamid.la-2', 'Me again about that invoice');
    expect(runtime.store.interactions.get(second)).toMatchObject({ conversationId, preferredAgent: 'bob' });
    // The flow's lastAgent timeout (120 s): it waits for bob, then goes to anyone eligible.
    expect(runtime.acd.acd.interaction(second)).toMatchObject({ state: 'held' });
    await setStatus(runtime, 'bob', 'available');
    expect(offerFor(runtime, second)?.agentId).toBe('bob');
  });
});
