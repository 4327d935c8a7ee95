import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../schemas/message.ts';
import { pathOf, switchyardPerTest, type Execution, type Switchyard } from './server.ts';

/**
 * flows/personalized-routing.flow.json on the running server: the WhatsApp
 * sales number. The customer is found by WhatsApp id, phone or email (created
 * when unknown, with 4-hour conversation continuity); business rules set the
 * priority (50 by default): a repeat contact (2 interactions in 24 h) +20 with
 * a "welcome back" acknowledgement, pending interactions +10, gold and
 * platinum customers priority 90, skill vip ≥3 and a greeting by name. Gold
 * and platinum go to vip-care, everyone else to orders (last agent first).
 */

// Tuesday 16 June 2026, 10:00 in London (BST, UTC+1). The flow has no opening hours.
const TUESDAY_10_LONDON = '2026-06-16T09:00:00Z';
const HOUR = 3_600_000;

const DEFAULT_ACK = 'Thanks for your message! Our orders team has it and an agent will reply here shortly.';
const WELCOME_BACK =
  'Welcome back Tom Baker! We can see you have been in touch with us recently, so we have moved your message up the queue. An agent will reply here shortly.';

const tom = { id: '447700900555', name: 'Tom Baker', phone: '+447700900555' };

let wamids = 0;
function whatsapp(text: string, author: InboundMessage['author'] = tom): InboundMessage {
  const wamid = `wamid.HBgMNDQ3NzAwOTAwNTU1FQIAEhgUM0${String(++wamids).padStart(4, '0')}PERSONALIZED`;
  return {
    channel: 'whatsapp',
    visibility: 'private',
    kind: 'message',
    account: 'acme-whatsapp-sales',
    author,
    text,
    replyTarget: { kind: 'message', id: wamid },
    platformMessageId: wamid,
  };
}

/** The orders path: the acknowledgement pauses the run until the outbox has sent it. */
function ordersPath(contact: 'new' | 'known'): Array<[string, string | null]> {
  return [
    ['whatsapp', 'out'],
    ['contact', contact],
    ['personalize', 'out'],
    ['acknowledge', null],
    ['acknowledge', 'sent'],
    ['segment', 'default'],
    ['queue-orders', 'queued'],
    ['end', 'end'],
  ];
}

describe('sample flow personalized-routing', () => {
  const start = switchyardPerTest();
  // The helpers below use the running test's server.
  let server: Switchyard | undefined;

  /** Sends one message and waits for its run to finish (the acknowledgement sent). */
  async function deliver(message: InboundMessage): Promise<Execution> {
    const received = await server!.send(message);
    expect(received).toMatchObject({ status: 'waiting', flow: { id: 'personalized-routing', version: 1 } });
    const execution = await server!.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    return execution;
  }

  async function acknowledgement(execution: Execution): Promise<string | undefined> {
    const items = await server!.outbox({ execution: execution.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'reply', channel: 'whatsapp', account: 'acme-whatsapp-sales', visibility: 'private', status: 'sent' });
    return items[0]!.text;
  }

  it('acknowledges a first-time customer with the default text and queues them to orders at the default priority', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    const execution = await deliver(whatsapp('Hi, is the blue kettle back in stock?'));

    expect(pathOf(execution)).toEqual(ordersPath('new'));
    expect(execution.steps[1]!.reason).toContain('created contact for Tom Baker');
    expect(execution.steps[2]!.reason).toMatch(/^no rule matched/);
    expect(execution.steps[2]!.reason).toContain('"Repeat contact": 0 interactions in the last 24 h, needs 2');
    expect(execution.steps[2]!.reason).toContain('"Pending interactions": 0 pending interactions, needs 1');
    expect(execution.steps[2]!.reason).toContain('"Gold and platinum customers": the contact has no segment');
    expect(await acknowledgement(execution)).toBe(DEFAULT_ACK);
    expect(server.senders.whatsapp.calls.map((call) => call.target)).toEqual([expect.objectContaining({ authorId: tom.id })]);

    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      flowId: 'personalized-routing',
      channel: 'whatsapp',
      account: 'acme-whatsapp-sales',
      queue: 'orders',
      skills: [{ skill: 'orders', level: 1 }],
      priority: 50,
    });
    expect(interaction.greeting).toBeUndefined();
  });

  it('gives +10 to a customer whose earlier interaction is still queued', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    const first = await deliver(whatsapp('Hi, is the blue kettle back in stock?'));

    // 15:00: past the 4-hour continuity, so a new conversation and interaction; the first is still waiting for an agent.
    server.clock.advance(5 * HOUR);
    const second = await deliver(whatsapp('Also, do you deliver on Saturdays?'));

    expect(pathOf(second)).toEqual(ordersPath('known'));
    expect(second.steps[1]!.details).toMatchObject({ matchedBy: 'identity' });
    expect(second.steps[1]!.reason).toContain('opened a new conversation');
    // One interaction in 24 h is not yet a repeat contact; the queued one is pending.
    expect(second.steps[2]).toMatchObject({
      reason: 'applied "Pending interactions" (1 pending interaction): priority 50 → 60',
      details: { applied: 1, skipped: 2 },
    });
    expect(await acknowledgement(second)).toBe(DEFAULT_ACK);

    expect(second.interactionId).not.toBe(first.interactionId);
    const { interaction } = await server.interaction(second.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'orders', skills: [{ skill: 'orders', level: 1 }], priority: 60 });
    expect((await server.interaction(first.interactionId!)).interaction).toMatchObject({ state: 'queued', priority: 50 });
  });

  it('treats the third message within 24 hours as a repeat contact: welcome back, and up the queue', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    await deliver(whatsapp('Hi, is the blue kettle back in stock?'));
    server.clock.advance(5 * HOUR);
    await deliver(whatsapp('Also, do you deliver on Saturdays?'));
    server.clock.advance(5 * HOUR);
    const third = await deliver(whatsapp('Hello? Still waiting for an answer about the kettle'));

    expect(pathOf(third)).toEqual(ordersPath('known'));
    expect(third.steps[2]!.reason).toBe(
      'applied "Repeat contact" (2 interactions in the last 24 h), "Pending interactions" (2 pending interactions): priority 50 → 80, greeting set',
    );
    expect(await acknowledgement(third)).toBe(WELCOME_BACK);

    const { interaction } = await server.interaction(third.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'orders',
      skills: [{ skill: 'orders', level: 1 }],
      priority: 80,
      greeting: WELCOME_BACK,
    });
    const contactId = (third.steps[1]!.details as { contactId: string }).contactId;
    const { interactions } = await server.get<{ interactions: Array<{ priority: number }> }>(`/api/interactions?contact=${contactId}`);
    expect(interactions.map((entry) => entry.priority).sort()).toEqual([50, 60, 80]);
  });

  it('joins the open conversation and interaction for a follow-up within 4 hours: no new interaction to count', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    const first = await deliver(whatsapp('Hi, is the blue kettle back in stock?'));
    const { contactId, conversationId } = first.steps[1]!.details as { contactId: string; conversationId: string };

    server.clock.advance(HOUR / 2);
    const second = await deliver(whatsapp('In 1.7 litres, please'));
    expect(pathOf(second)).toEqual(ordersPath('known'));
    expect(second.steps[1]!.details).toMatchObject({ contactId, conversationId });
    // Its own open interaction counts as pending (+10 in the run), but the follow-up joins it and its priority stays.
    expect(second.steps[2]!.reason).toBe('applied "Pending interactions" (1 pending interaction): priority 50 → 60');
    expect(second.interactionId).toBe(first.interactionId);
    const { interaction, messages } = await server.interaction(first.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'orders', priority: 50 });
    expect(messages).toHaveLength(2);
    expect((await server.get<{ interactions: unknown[] }>(`/api/interactions?contact=${contactId}`)).interactions).toHaveLength(1);
  });

  it('does not count interactions older than 24 hours as a repeat contact', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    await deliver(whatsapp('Hi, is the blue kettle back in stock?'));
    server.clock.advance(5 * HOUR);
    await deliver(whatsapp('Also, do you deliver on Saturdays?'));
    // Two days later: both earlier interactions are still queued (pending), but neither is within 24 h.
    server.clock.advance(48 * HOUR);
    const later = await deliver(whatsapp('Hello again, a different question'));
    expect(later.steps[2]!.reason).toBe('applied "Pending interactions" (2 pending interactions): priority 50 → 60');
  });

  it('greets a gold customer known from another channel by name, found by phone, and routes them to VIP care at priority 90', async () => {
    server = await start({ at: TUESDAY_10_LONDON });
    // No API sets a segment (it would come from a CRM): the contact is seeded through the server's store,
    // known from LINE with a phone number; the WhatsApp message carries the same number.
    server.store.contacts.createWithIdentity(
      { id: 'contact-margaret', name: 'Margaret Hale', phone: '+447700900777', segment: 'gold', attributes: {} },
      { channel: 'line', platformId: 'U0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f' },
    );
    const margaret = { id: '447700900777', name: 'Maggie', phone: '+447700900777' };
    const execution = await deliver(whatsapp('My order AC-20931 arrived damaged, can someone call me?', margaret));

    expect(pathOf(execution)).toEqual([
      ['whatsapp', 'out'],
      ['contact', 'known'],
      ['personalize', 'out'],
      ['acknowledge', null],
      ['acknowledge', 'sent'],
      ['segment', 'vip'],
      ['queue-vip', 'queued'],
      ['end', 'end'],
    ]);
    expect(execution.steps[1]!.details).toMatchObject({ contactId: 'contact-margaret', matchedBy: 'phone' });
    expect(execution.steps[2]!.reason).toBe('applied "Gold and platinum customers" (segment gold): priority 50 → 90, skills vip≥3, greeting set');
    const greeting =
      'Hello Margaret Hale, thank you for being an Acme Gold customer. Your VIP care team has your message and will reply here within a few minutes.';
    expect(await acknowledgement(execution)).toBe(greeting);

    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      contactId: 'contact-margaret',
      queue: 'vip-care',
      skills: [{ skill: 'vip', level: 3 }],
      priority: 90,
      greeting,
    });
    // The WhatsApp number now belongs to her contact: the next message is found by identity.
    server.clock.advance(5 * HOUR);
    const next = await deliver(whatsapp('Any news?', margaret));
    expect(next.steps[1]!.details).toMatchObject({ contactId: 'contact-margaret', matchedBy: 'identity' });
    expect(pathOf(next).slice(-3)).toEqual([
      ['segment', 'vip'],
      ['queue-vip', 'queued'],
      ['end', 'end'],
    ]);
    // The pending rule adds its +10 first; the segment rule then sets 90 (it comes last, so a VIP is always 90).
    expect((await server.interaction(next.interactionId!)).interaction).toMatchObject({ queue: 'vip-care', priority: 90 });
  });
});
