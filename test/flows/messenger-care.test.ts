import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../schemas/message.ts';
import { pathOf, switchyardPerTest } from './server.ts';

/**
 * flows/messenger-care.flow.json on the running server: Messenger
 * conversations with the Acme page; London opening hours (care-hours) and the
 * uk-special-days calendar; everything answered in private; the messaging queue.
 */

// Wednesday 17 June 2026, 11:15 in London (BST).
const WEDNESDAY_1115_LONDON = '2026-06-17T10:15:00Z';
// Saturday 20 June 2026, 13:30 in London: the lunch break between 09:00–13:00 and 14:00–17:00.
const SATURDAY_1330_LONDON = '2026-06-20T12:30:00Z';

const sophie = { id: '7364582910374625', name: 'Sophie Turner' };

function messengerMessage(mid: string, text: string, author: { id: string; name?: string } = sophie): InboundMessage {
  return {
    channel: 'messenger',
    visibility: 'private',
    kind: 'message',
    account: 'acme-messenger',
    author,
    text,
    replyTarget: { kind: 'message', id: mid },
    threadId: `104729386215533:${author.id}`,
    platformMessageId: mid,
  };
}

describe('sample flow messenger-care', () => {
  const start = switchyardPerTest();

  it('queues a Messenger message in opening hours to the messaging queue', async () => {
    const server = await start({ at: WEDNESDAY_1115_LONDON });
    const received = await server.send(
      messengerMessage('m_Qx3kVd8dE9l2ZPp7wq4o0aH2sD1mTrN5v4J8bYcFxWkR', 'Hi! My Acme X2 arrived today but the charger is missing from the box. Order AC-448291.'),
    );
    expect(received).toMatchObject({ status: 'completed', flow: { id: 'messenger-care', version: 1 } });

    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['messenger', 'message'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'open'],
      ['emergency', 'normal'],
      ['queue', 'queued'],
      ['end', 'end'],
    ]);
    const { interaction, messages } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'messaging',
      channel: 'messenger',
      account: 'acme-messenger',
      visibility: 'private',
      skills: [{ skill: 'messaging', level: 1 }],
    });
    expect(messages).toHaveLength(1);
    expect(await server.outbox({ execution: execution.id })).toEqual([]);
    expect(server.senders.messenger.calls).toEqual([]);
  });

  it('sends the outage reply in private while the emergency flag is on, then still queues', async () => {
    const server = await start({ at: WEDNESDAY_1115_LONDON });
    expect((await server.request('PUT', '/api/flags/service-outage', { active: true })).status).toBe(200);

    const received = await server.send(messengerMessage('m_Zr8pLq2Wc7VtY0nB4xKd1sFh6JmA9uGe3oTi5yRw', "I can't log in to my account, it just says something went wrong"));
    expect(received.status).toBe('waiting');
    const execution = await server.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['messenger', 'message'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'open'],
      ['emergency', 'active'],
      ['reply-emergency', null],
      ['reply-emergency', 'sent'],
      ['queue', 'queued'],
      ['end', 'end'],
    ]);

    const [reply, ...others] = await server.outbox({ execution: execution.id });
    expect(others).toEqual([]);
    expect(reply).toMatchObject({
      action: 'reply',
      channel: 'messenger',
      account: 'acme-messenger',
      visibility: 'private',
      status: 'sent',
      attempts: 1,
      text: 'We know about the outage and are working on it. Updates on our status page; thank you for your patience.',
      target: { authorId: sophie.id, platformMessageId: 'm_Zr8pLq2Wc7VtY0nB4xKd1sFh6JmA9uGe3oTi5yRw' },
    });
    expect(server.senders.messenger.calls.map((call) => call.id)).toEqual([reply!.id]);

    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction).toMatchObject({ state: 'queued', queue: 'messaging', skills: [{ skill: 'messaging', level: 1 }] });
  });

  it('answers in private during the Saturday lunch break and queues nothing', async () => {
    const server = await start({ at: SATURDAY_1330_LONDON });
    const received = await server.send(messengerMessage('m_Hn5tRb0Ky8Wq3Ep6Zs2Cv9Lm4Xa7Df1Gj0Ui8Oy', 'Hello, can I still return a jacket I bought 40 days ago?'));
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['messenger', 'message'],
      ['contact', 'new'],
      ['special-day', 'normal'],
      ['hours', 'closed'],
      ['reply-closed', null],
      ['reply-closed', 'sent'],
      ['end', 'end'],
    ]);
    expect(execution.steps[3]!.reason).toContain('Sat hours are 09:00–13:00, 14:00–17:00');
    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      visibility: 'private',
      status: 'sent',
      text: 'Thanks for getting in touch, Sophie Turner. We are closed right now and will reply when we open again.',
    });
    expect((await server.interaction(execution.interactionId!)).interaction).toMatchObject({ state: 'completed' });
  });
});
