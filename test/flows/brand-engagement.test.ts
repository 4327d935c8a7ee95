import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../schemas/message.ts';
import { pathOf, switchyardPerTest } from './server.ts';

/**
 * flows/brand-engagement.flow.json on the running server: the @Acme brand
 * handle likes and retweets positive mentions, replies to the others (retried
 * for 15 minutes) and sends DMs to the DM team. No opening hours: any time will do.
 */

const NOON_LONDON = '2026-06-16T11:00:00Z';

const liam = { id: '3301874512', handle: 'liam_builds', name: 'Liam Carter' };
const dana = { id: '915628347', handle: 'dana_r', name: 'Dana Reyes' };
const kofi = { id: '1599034671281766400', handle: 'kofi_mensah', name: 'Kofi Mensah' };

function mention(id: string, text: string, author: { id: string; handle: string; name: string }): InboundMessage {
  return {
    channel: 'twitter',
    visibility: 'public',
    kind: 'mention',
    account: 'acme-twitter-brand',
    author,
    text,
    replyTarget: { kind: 'tweet', id },
    platformMessageId: id,
    language: 'en',
  };
}

function dm(id: string, text: string, author: { id: string; handle: string; name: string }): InboundMessage {
  return {
    channel: 'twitter',
    visibility: 'private',
    kind: 'dm',
    account: 'acme-twitter-brand',
    author,
    text,
    threadId: `1184239555-${author.id}`,
    replyTarget: { kind: 'thread', id: `1184239555-${author.id}` },
    platformMessageId: id,
  };
}

const http500 = { ok: false as const, error: 'HTTP 500 Internal Server Error from api.x.com' };

describe('sample flow brand-engagement', () => {
  const start = switchyardPerTest();

  it('likes, then retweets a clearly positive mention, and completes through the done ports', async () => {
    const server = await start({ at: NOON_LONDON });
    const received = await server.send(
      mention('1852011122233344455', '@Acme just got my new Acme X2 and I love it! Setup took two minutes, brilliant job 🙌', liam),
    );
    expect(received).toMatchObject({ status: 'waiting', flow: { id: 'brand-engagement', version: 1 } });

    const execution = await server.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['mood', 'positive'],
      ['like', null],
      ['like', 'done'],
      ['retweet', null],
      ['retweet', 'done'],
      ['end', 'end'],
    ]);
    expect(execution.steps[1]!.reason).toMatch(/^positive \(score 9/);

    const items = await server.outbox({ execution: execution.id });
    // Newest first.
    expect(items.map((item) => [item.action, item.status, item.attempts])).toEqual([
      ['retweet', 'sent', 1],
      ['like', 'sent', 1],
    ]);
    expect(items.every((item) => item.account === 'acme-twitter-brand' && item.target.platformMessageId === '1852011122233344455')).toBe(true);
    expect(items.every((item) => item.text === undefined)).toBe(true);
    // The retweet was only queued once the like had gone out.
    expect(server.senders.twitter.calls.map((call) => call.action)).toEqual(['like', 'retweet']);
    expect(items[0]!.platformResultId).toBe('platform-retweet-2');

    const { interaction } = await server.interaction(execution.interactionId!);
    expect(interaction).toMatchObject({ state: 'completed', account: 'acme-twitter-brand' });
    expect(interaction.queue).toBeUndefined();
  });

  it('replies publicly to a negative mention with the rendered thanks', async () => {
    const server = await start({ at: NOON_LONDON });
    const received = await server.send(
      mention('1852019988776655443', '@Acme my order arrived broken and nobody answers. Really disappointed, worst service ever.', dana),
    );
    const execution = await server.settled(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['mood', 'negative'],
      ['thanks', null],
      ['thanks', 'sent'],
      ['end', 'end'],
    ]);
    const [reply, ...others] = await server.outbox({ execution: execution.id });
    expect(others).toEqual([]);
    expect(reply).toMatchObject({
      action: 'reply',
      channel: 'twitter',
      visibility: 'public',
      status: 'sent',
      attempts: 1,
      retryForSeconds: 900,
      text: 'Thanks for the mention, @dana_r! Anything we can help with? Send us a DM.',
      target: { replyTarget: { kind: 'tweet', id: '1852019988776655443' }, authorId: dana.id },
    });
    expect(server.senders.twitter.calls.map((call) => call.action)).toEqual(['reply']);
  });

  it('sends a direct message to the dm-team queue without liking or replying', async () => {
    const server = await start({ at: NOON_LONDON });
    const received = await server.send(dm('1852023344556677889', 'Hi, I have a question about my warranty claim, can someone call me back?', kofi));
    expect(received.status).toBe('completed');
    const execution = await server.execution(received.executionId!);
    expect(pathOf(execution)).toEqual([
      ['twitter', 'dm'],
      ['contact', 'new'],
      ['dm-team', 'queued'],
      ['end', 'end'],
    ]);
    const { interaction } = await server.interaction(received.interactionId!);
    expect(interaction).toMatchObject({
      state: 'queued',
      queue: 'dm-team',
      visibility: 'private',
      skills: [{ skill: 'dm-team', level: 1 }],
    });
    expect(await server.outbox({ execution: execution.id })).toEqual([]);
    expect(server.senders.twitter.calls).toEqual([]);
  });

  it('retries the auto-reply after two HTTP 500s and goes on by "sent" on the third attempt', async () => {
    const server = await start({
      at: NOON_LONDON,
      scripts: { twitter: [http500, http500, { ok: true, platformResultId: '1852030000000000001' }] },
      backoff: { baseMs: 20, maxMs: 40 },
    });
    const received = await server.send(mention('1852027766554433221', '@Acme is the X2 compatible with the older docking station?', dana));
    const execution = await server.settled(received.executionId!);
    expect(execution.status).toBe('completed');
    expect(pathOf(execution)).toEqual([
      ['twitter', 'mention'],
      ['mood', 'neutral'],
      ['thanks', null],
      ['thanks', 'sent'],
      ['end', 'end'],
    ]);
    expect(execution.steps[3]!.reason).toMatch(/attempt 3/);

    const [reply] = await server.outbox({ execution: execution.id });
    expect(reply).toMatchObject({
      action: 'reply',
      status: 'sent',
      attempts: 3,
      lastError: http500.error,
      platformResultId: '1852030000000000001',
      text: 'Thanks for the mention, @dana_r! Anything we can help with? Send us a DM.',
    });
    expect(server.senders.twitter.calls).toHaveLength(3);
    expect((await server.outbox({ status: 'dead' }))).toEqual([]);
  });
});
