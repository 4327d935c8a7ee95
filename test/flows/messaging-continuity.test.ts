import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../schemas/message.ts';
import { pathOf, switchyardPerTest } from './server.ts';

/**
 * flows/messaging-continuity.flow.json on the running server: WhatsApp and
 * LINE with 72-hour conversation continuity; New York messaging hours
 * (Mon–Fri 07:00–23:00, weekends 09:00–21:00); keywords pick the orders skill.
 */

// Tuesday 16 June 2026, 10:00 in New York (EDT, UTC−4).
const TUESDAY_10_NEW_YORK = '2026-06-16T14:00:00Z';
// The same Tuesday, 23:30 in New York (already Wednesday in UTC).
const TUESDAY_2330_NEW_YORK = '2026-06-17T03:30:00Z';
const HOUR = 3_600_000;
// What the orders topic asks for, on top of the messaging queue's own skill.
const ORDERS_SKILLS = [
  { skill: 'messaging', level: 1 },
  { skill: 'orders', level: 1 },
];

const priya = { id: '447700900123', name: 'Priya Shah', phone: '+447700900123' };
const lineUser = 'U8f3c5e7a9b1d2c4e6f8a0b2c4d6e8f01';

function whatsapp(wamid: string, text: string, author = priya): InboundMessage {
  return {
    channel: 'whatsapp',
    visibility: 'private',
    kind: 'message',
    account: 'acme-whatsapp',
    author,
    text,
    replyTarget: { kind: 'message', id: wamid },
    platformMessageId: wamid,
  };
}

/** LINE webhooks carry the userId only (the display name needs a profile call), and a reply token valid for a minute. */
function line(messageId: string, text: string, at: Date): InboundMessage {
  return {
    channel: 'line',
    visibility: 'private',
    kind: 'message',
    account: 'acme-line',
    author: { id: lineUser },
    text,
    replyTarget: { kind: 'reply-token', id: `nHuyWiB7yP5Zw52FIkcQobQuGDXCTA${messageId.slice(-6)}`, expiresAt: new Date(at.getTime() + 60_000).toISOString() },
    threadId: lineUser,
    platformMessageId: messageId,
    language: 'ja',
  };
}

describe('sample flow messaging-continuity', () => {
  const start = switchyardPerTest();

  it('queues "where is my order" on WhatsApp to the messaging queue with the orders skill', async () => {
    const server = await start({ at: TUESDAY_10_NEW_YORK });
    const received = await server.send(
      whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhggQjc5RkE3MkY0QkU2MUM5NzY2QTM4NzBFM0Y0QTk0NjUA', 'Hi, where is my order? It was due yesterday'),
    );
    expect(received).toMatchObject({ status: 'completed', flow: { id: 'messaging-continuity', version: 1 } });
    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['messaging', 'out'],
      ['contact', 'new'],
      ['hours', 'open'],
      ['topic', 'orders'],
      ['queue-orders', 'queued'],
      ['end', 'end'],
    ]);
    expect(execution.steps[2]!.reason).toContain('America/New_York, local time 10:00');
    expect(execution.steps[3]!.details).toMatchObject({ keywords: ['order'] });

    const { interaction } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'messaging',
      channel: 'whatsapp',
      account: 'acme-whatsapp',
      skills: ORDERS_SKILLS,
    });
  });

  it('joins the open conversation and interaction when the same wa_id writes again within 72 hours, and opens new ones after', async () => {
    const server = await start({ at: TUESDAY_10_NEW_YORK });
    const first = await server.send(whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0EyRjZCOEU5QzFENEE3QjVFMDAA', 'Hi, where is my order? It was due yesterday'));
    const firstRun = await server.execution(first.executionId!);
    const { contactId, conversationId } = firstRun.steps[1]!.details as { contactId: string; conversationId: string };

    // Wednesday 12:00 in New York, 26 hours later.
    server.clock.advance(26 * HOUR);
    const second = await server.send(whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0E4RDJDMTBCNkY3NDlFMjkxMDAA', 'Any update? The tracking page has not changed since Monday'));
    const secondRun = await server.execution(second.executionId!);
    expect(pathOf(secondRun)).toEqual([
      ['messaging', 'out'],
      ['contact', 'known'],
      ['hours', 'open'],
      ['topic', 'orders'],
      ['queue-orders', 'queued'],
      ['end', 'end'],
    ]);
    expect(secondRun.steps[1]!.details).toMatchObject({ contactId, conversationId, matchedBy: 'identity' });
    expect(secondRun.steps[1]!.reason).toContain(`joined open conversation ${conversationId}`);
    expect(second.interactionId).toBe(first.interactionId);
    expect(secondRun.interactionId).toBe(first.interactionId);

    const { interaction, messages } = await server.interaction(first.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', conversationId, contactId });
    expect(messages.map((message) => message.text)).toEqual(
      expect.arrayContaining(['Hi, where is my order? It was due yesterday', 'Any update? The tracking page has not changed since Monday']),
    );
    expect(messages).toHaveLength(2);
    expect((await server.get<{ interactions: unknown[] }>(`/api/interactions?contact=${contactId}`)).interactions).toHaveLength(1);

    // Saturday 12:00 in New York: 72 hours after the last message, continuity is over.
    server.clock.advance(72 * HOUR);
    const third = await server.send(whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0IxQzk4NzY1NDMyMTBGRURDMDAA', 'Hello again, I want to buy a second one as a gift'));
    const thirdRun = await server.execution(third.executionId!);
    expect(pathOf(thirdRun)).toEqual([
      ['messaging', 'out'],
      ['contact', 'known'],
      ['hours', 'open'],
      ['topic', 'default'],
      ['queue-messaging', 'queued'],
      ['end', 'end'],
    ]);
    expect(thirdRun.steps[1]!.details).toMatchObject({ contactId });
    expect((thirdRun.steps[1]!.details as { conversationId: string }).conversationId).not.toBe(conversationId);
    expect(third.interactionId).not.toBe(first.interactionId);
    expect((await server.get<{ interactions: unknown[] }>(`/api/interactions?contact=${contactId}`)).interactions).toHaveLength(2);
  });

  it('routes a Japanese LINE message about an order (注文) to the orders skill', async () => {
    const server = await start({ at: TUESDAY_10_NEW_YORK });
    const received = await server.send(line('468789577898262530', 'すみません、先週の注文がまだ届いていません。確認していただけますか？', server.clock.now()));
    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['messaging', 'out'],
      ['contact', 'new'],
      ['hours', 'open'],
      ['topic', 'orders'],
      ['queue-orders', 'queued'],
      ['end', 'end'],
    ]);
    expect(execution.steps[3]!.details).toMatchObject({ keywords: ['注文'] });
    const { interaction } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      channel: 'line',
      queue: 'messaging',
      skills: ORDERS_SKILLS,
    });
  });

  it('tells the customer after hours (New York time) in private, then still queues the conversation', async () => {
    const server = await start({ at: TUESDAY_2330_NEW_YORK });
    const received = await server.send(whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0M3RTVGMkE5QjgxMDRENkMwMDAA', 'My parcel tracking says delivered but it is not here'));
    expect(received.status).toBe('waiting');
    const execution = await server.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['messaging', 'out'],
      ['contact', 'new'],
      ['hours', 'closed'],
      ['reply-closed', null],
      ['reply-closed', 'sent'],
      ['topic', 'orders'],
      ['queue-orders', 'queued'],
      ['end', 'end'],
    ]);
    expect(execution.steps[2]!.reason).toContain('America/New_York, local time 23:30');

    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      action: 'reply',
      channel: 'whatsapp',
      visibility: 'private',
      status: 'sent',
      text: "Thanks Priya Shah! We're closed right now; an agent will pick this conversation up when we open.",
      target: { authorId: priya.id },
    });
    expect(server.senders.whatsapp.calls).toHaveLength(1);
    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'messaging', skills: ORDERS_SKILLS });
  });

  it('falls back to the default greeting for a LINE user with no display name after hours', async () => {
    const server = await start({ at: TUESDAY_2330_NEW_YORK });
    const received = await server.send(line('468789577898262531', 'こんにちは。返品の方法を教えてください。', server.clock.now()));
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution).slice(2)).toEqual([
      ['hours', 'closed'],
      ['reply-closed', null],
      ['reply-closed', 'sent'],
      ['topic', 'default'],
      ['queue-messaging', 'queued'],
      ['end', 'end'],
    ]);
    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      channel: 'line',
      visibility: 'private',
      status: 'sent',
      text: "Thanks for your message! We're closed right now; an agent will pick this conversation up when we open.",
      target: { replyTarget: { kind: 'reply-token' } },
    });
  });

  it('takes no flow for a WhatsApp number no flow listens to: stored, answered 202, nothing run', async () => {
    const server = await start({ at: TUESDAY_10_NEW_YORK });
    // acme-whatsapp-test is an account with no flow on purpose (the sales number has personalized-routing).
    const message = { ...whatsapp('wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0Q5OTk5OTk5OTk5OTk5OTk5OTkA', 'Do you ship to Ireland?'), account: 'acme-whatsapp-test' };
    const response = await server.request<{ status: string }>('POST', '/api/messages', message);
    expect(response).toMatchObject({ status: 202, json: { status: 'no-flow' } });
    expect((await server.get<{ executions: unknown[] }>('/api/executions')).executions).toEqual([]);
  });
});
