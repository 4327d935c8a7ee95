import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../schemas/message.ts';
import { nodesOf, pathOf, switchyardPerTest } from './server.ts';

/**
 * flows/social-care.flow.json on the running server: @AcmeCare on X and the
 * Acme Facebook page. Opening hours are London's (care-hours: Mon–Fri
 * 08:00–20:00), special days come from uk-special-days.
 */

// Tuesday 16 June 2026, 10:00 in London (BST, UTC+1).
const TUESDAY_10_LONDON = '2026-06-16T09:00:00Z';
// The same Tuesday at 22:30 in London.
const TUESDAY_2230_LONDON = '2026-06-16T21:30:00Z';
// Christmas Day 2026 (a Friday), 11:00 in London (GMT).
const CHRISTMAS_DAY_11_LONDON = '2026-12-25T11:00:00Z';
// Christmas Eve 2026 (a Thursday): the calendar closes the day from 14:00.
const CHRISTMAS_EVE_10_LONDON = '2026-12-24T10:00:00Z';
const CHRISTMAS_EVE_15_LONDON = '2026-12-24T15:00:00Z';

const jane = { id: '2244994945', handle: 'jane_doe', name: 'Jane Doe' };
const tom = { id: '1467726470533754880', handle: 'tomwhitfield', name: 'Tom Whitfield' };
const amira = { id: '783214', handle: 'amira_k', name: 'Amira Khan' };

function tweet(id: string, text: string, author = jane, kind: 'mention' | 'reply' = 'mention'): InboundMessage {
  return {
    channel: 'twitter',
    visibility: 'public',
    kind,
    account: 'acme-twitter',
    author,
    text,
    replyTarget: { kind: 'tweet', id },
    platformMessageId: id,
    language: 'en',
  };
}

function twitterDm(id: string, text: string, author = tom): InboundMessage {
  return {
    channel: 'twitter',
    visibility: 'private',
    kind: 'dm',
    account: 'acme-twitter',
    author,
    text,
    threadId: `1184239417-${author.id}`,
    replyTarget: { kind: 'thread', id: `1184239417-${author.id}` },
    platformMessageId: id,
  };
}

function facebookComment(commentId: string, text: string): InboundMessage {
  return {
    channel: 'facebook',
    visibility: 'public',
    kind: 'comment',
    account: 'acme-facebook',
    author: { id: '5829174630148275', name: 'Gareth Evans' },
    text,
    replyTarget: { kind: 'comment', id: commentId },
    threadId: '104729386215533_1092837465019283',
    platformMessageId: commentId,
  };
}

const IN_HOURS_PREFIX: Array<[string, string | null]> = [
  ['contact', 'new'],
  ['special-day', 'normal'],
  ['hours', 'open'],
  ['emergency', 'normal'],
];

describe('sample flow social-care', () => {
  const start = switchyardPerTest();

  it('queues a billing tweet in opening hours to social-billing with the queue skills', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const received = await server.send(tweet('1851234567890123456', '@AcmeCare I was charged twice on my last invoice, can you help?'));
    expect(received).toMatchObject({ status: 'completed', flow: { id: 'social-care', version: 1 } });

    const execution = await server.execution(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ...IN_HOURS_PREFIX,
      ['topic', 'billing'],
      ['queue-billing', 'queued'],
      ['end', 'end'],
    ]);
    expect(execution.steps.find((step) => step.nodeId === 'hours')!.reason).toContain('Europe/London, local time 10:00');
    expect(execution.interactionId).toBe(received.interactionId);

    const { interaction, messages } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'social-billing',
      channel: 'twitter',
      visibility: 'public',
      flowId: 'social-care',
      skills: [
        { skill: 'social-media', level: 1 },
        { skill: 'billing', level: 2 },
      ],
    });
    expect(messages.map((message) => message.platformMessageId)).toEqual(['1851234567890123456']);
    expect(await server.outbox({ execution: execution.id })).toEqual([]);
    const queued = await server.get<{ interactions: Array<{ id: string }> }>('/api/interactions?queue=social-billing&state=queued');
    expect(queued.interactions.map((item) => item.id)).toEqual([interaction.id]);
  });

  it('queues a technical Facebook comment to social-technical', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const received = await server.send(
      facebookComment('104729386215533_1092837465019283_981723645', "Your app has been crashing every time I try to log in since this morning's update. Anyone else?"),
    );
    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['facebook', 'comment'],
      ...IN_HOURS_PREFIX,
      ['topic', 'technical'],
      ['queue-technical', 'queued'],
      ['end', 'end'],
    ]);
    const { interaction } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'social-technical',
      channel: 'facebook',
      skills: [
        { skill: 'social-media', level: 1 },
        { skill: 'technical', level: 2 },
      ],
    });
  });

  it('queues a mention with no topic keyword to social-care', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const received = await server.send(tweet('1851240012345678901', '@AcmeCare hi, is the store on Oxford Street open late on Thursdays?', amira));
    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ...IN_HOURS_PREFIX,
      ['topic', 'default'],
      ['queue-general', 'queued'],
      ['end', 'end'],
    ]);
    const { interaction } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'social-care', skills: [{ skill: 'social-media', level: 1 }] });
  });

  it('answers after hours with the rendered after-hours reply, in public, and queues nothing', async () => {
    const server = await start({ at: TUESDAY_2230_LONDON });
    const received = await server.send(tweet('1851301234567890123', '@AcmeCare my refund still has not arrived, it has been three weeks'));
    expect(received.status).toBe('waiting');

    const execution = await server.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'closed'],
      ['reply-closed', null],
      ['reply-closed', 'sent'],
      ['end', 'end'],
    ]);
    expect(execution.steps.find((step) => step.nodeId === 'hours')!.reason).toContain('local time 22:30');

    const [reply, ...others] = await server.outbox({ execution: execution.id });
    expect(others).toEqual([]);
    expect(reply).toMatchObject({
      action: 'reply',
      channel: 'twitter',
      account: 'acme-twitter',
      visibility: 'public',
      text: 'Thanks for getting in touch, Jane Doe. We are closed right now and will reply when we open again.',
      status: 'sent',
      attempts: 1,
      target: { platformMessageId: '1851301234567890123', authorId: jane.id, replyTarget: { kind: 'tweet', id: '1851301234567890123' } },
    });
    expect(server.senders.twitter.calls.map((call) => call.id)).toEqual([reply!.id]);

    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction.state).toBe('completed');
    expect(interaction.queue).toBeUndefined();
    expect((await server.get<{ interactions: unknown[] }>('/api/interactions?state=queued')).interactions).toEqual([]);
  });

  it('answers on a bank holiday with the special-day reply', async () => {
    const server = await start({ at: CHRISTMAS_DAY_11_LONDON });
    const received = await server.send(tweet('1872016728934012345', '@AcmeCare is anyone there today? My order says delivered but nothing came'));
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['contact', 'new'],
      ['special-day', 'special'],
      ['reply-special-day', null],
      ['reply-special-day', 'sent'],
      ['end', 'end'],
    ]);
    expect(execution.steps[2]!.reason).toMatch(/^2026-12-25 is Christmas Day/);
    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      action: 'reply',
      visibility: 'public',
      status: 'sent',
      text: 'Hi Jane Doe, our team is away today. We have your message and will answer as soon as we are back.',
    });
    expect((await server.interaction(execution.interactionId!)).interaction.state).toBe('completed');
  });

  it('follows the calendar closing early on Christmas Eve: routed in the morning, the special-day reply after 14:00', async () => {
    const server = await start({ at: CHRISTMAS_EVE_10_LONDON });
    const morning = await server.send(tweet('1871653398120001001', '@AcmeCare my invoice shows the wrong address, can you fix it?'));
    expect(morning.status).toBe('completed');
    const morningRun = await server.execution(morning.executionId!);
    expect(pathOf(morningRun).slice(2, 6)).toEqual([
      ['special-day', 'normal'],
      ['hours', 'open'],
      ['emergency', 'normal'],
      ['topic', 'billing'],
    ]);
    expect(morningRun.steps[2]!.reason).toContain('Christmas Eve: closing early is special only 14:00–24:00');

    server.clock.set(CHRISTMAS_EVE_15_LONDON);
    const afternoon = await server.send(tweet('1871729001120002002', '@AcmeCare still waiting on that invoice fix', amira));
    const afternoonRun = await server.settled(afternoon.executionId!);
    expect(nodesOf(afternoonRun)).toEqual(['twitter', 'contact', 'special-day', 'reply-special-day', 'end']);
    expect(afternoonRun.steps[2]).toMatchObject({ port: 'special' });
    expect(afternoonRun.steps[2]!.reason).toContain('Christmas Eve: closing early (14:00–24:00, local time 15:00)');
    const [reply] = await server.outbox({ execution: afternoonRun.id });
    expect(reply).toMatchObject({ status: 'sent', text: expect.stringMatching(/^Hi Amira Khan, our team is away today/) });
  });

  it('sends the outage reply while the service-outage flag is on, and routes again once it is off', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const on = await server.request<{ flag: unknown }>('PUT', '/api/flags/service-outage', { active: true });
    expect(on.status).toBe(200);

    const received = await server.send(tweet('1851255550000000001', '@AcmeCare is the app down? I cannot log in at all'));
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'open'],
      ['emergency', 'active'],
      ['reply-emergency', null],
      ['reply-emergency', 'sent'],
      ['end', 'end'],
    ]);
    expect(execution.steps[4]!.reason).toContain('We know about the outage affecting logins');
    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      action: 'reply',
      visibility: 'public',
      status: 'sent',
      text: 'We know about the outage and are working on it. Updates on our status page; thank you for your patience.',
    });
    expect((await server.interaction(execution.interactionId!)).interaction).toMatchObject({ state: 'completed' });

    expect((await server.request('PUT', '/api/flags/service-outage', { active: false })).status).toBe(200);
    const later = await server.send(tweet('1851255550000000002', '@AcmeCare still cannot log in, error 503', amira));
    const laterRun = await server.execution(later.executionId!);
    expect(pathOf(laterRun).slice(4)).toEqual([
      ['emergency', 'normal'],
      ['topic', 'technical'],
      ['queue-technical', 'queued'],
      ['end', 'end'],
    ]);
  });

  it('answers a Twitter DM after hours in private (visibility "same")', async () => {
    const server = await start({ at: TUESDAY_2230_LONDON });
    const received = await server.send(twitterDm('1851302299887766554', 'Hi, I need to change the card my subscription payment is taken from'));
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'dm'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'closed'],
      ['reply-closed', null],
      ['reply-closed', 'sent'],
      ['end', 'end'],
    ]);
    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      action: 'reply',
      channel: 'twitter',
      visibility: 'private',
      status: 'sent',
      text: 'Thanks for getting in touch, Tom Whitfield. We are closed right now and will reply when we open again.',
      target: { authorId: tom.id, threadId: `1184239417-${tom.id}` },
    });
    expect(server.senders.twitter.calls).toHaveLength(1);
    expect((await server.interaction(execution.interactionId!)).interaction).toMatchObject({ visibility: 'private', state: 'completed' });
  });

  it('recognises the same author the second time: the contact is reused and the follow-up joins the open interaction', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const first = await server.send(tweet('1851234567890123456', '@AcmeCare I was charged twice on my last invoice, can you help?'));
    const firstRun = await server.execution(first.executionId!);
    expect(firstRun.steps[1]).toMatchObject({ nodeId: 'contact', port: 'new' });

    server.clock.advance(25 * 60_000);
    const second = await server.send(
      tweet('1851240876543210987', '@AcmeCare any news? The refund should be £49.99', jane, 'reply'),
    );
    const secondRun = await server.execution(second.executionId!);
    expect(pathOf(secondRun)).toEqual([
      ['twitter', 'reply'],
      ['contact', 'known'],
      ['special-day', 'normal'],
      ['hours', 'open'],
      ['emergency', 'normal'],
      ['topic', 'billing'],
      ['queue-billing', 'queued'],
      ['end', 'end'],
    ]);
    expect(secondRun.steps[1]!.reason).toContain(`found by twitter id ${jane.id}`);
    expect(secondRun.steps[1]!.details).toMatchObject({
      contactId: firstRun.steps[1]!.details!.contactId,
      conversationId: firstRun.steps[1]!.details!.conversationId,
    });

    expect(second.interactionId).toBe(first.interactionId);
    const { interaction, messages } = await server.interaction(first.interactionId!);
    expect(interaction.contactId).toBe(firstRun.steps[1]!.details!.contactId);
    expect(messages.map((message) => message.platformMessageId).sort()).toEqual(['1851234567890123456', '1851240876543210987']);
    const byContact = await server.get<{ interactions: unknown[] }>(`/api/interactions?contact=${interaction.contactId}`);
    expect(byContact.interactions).toHaveLength(1);
  });

  it('runs a platform message once: the same tweet delivered twice is a duplicate', async () => {
    const server = await start({ at: TUESDAY_10_LONDON });
    const message = tweet('1851234567890123456', '@AcmeCare I was charged twice on my last invoice, can you help?');
    expect((await server.send(message)).status).toBe('completed');
    expect((await server.send(message)).status).toBe('duplicate');
    const runs = await server.get<{ executions: unknown[] }>('/api/executions?flow=social-care');
    expect(runs.executions).toHaveLength(1);
  });
});
