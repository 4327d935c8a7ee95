import { describe, expect, it } from 'vitest';
import { like as definition } from '../../../schemas/blocks/like.ts';
import { like } from '../../../runtime/src/blocks/like.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { blockConfig } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

async function run(message: Partial<InboundMessage>, options: { dryRun?: boolean; config?: unknown } = {}) {
  const services = testServices({ dryRun: options.dryRun });
  const config = blockConfig(definition, options.config ?? {});
  const result = await like({ config, context: testContext({}, message), nodeId: 'like', signal, services });
  return { result, actions: services.actions };
}

describe('Like', () => {
  it('queues a like for the tweet and waits for the outbox', async () => {
    const { result, actions } = await run({ replyTarget: { kind: 'tweet', id: '1790000000000000001' } });
    expect(result).toEqual({
      wait: { key: 'outbox:action-1' },
      reason: 'like of tweet 1790000000000000001 queued (outbox action-1; retried for up to 5 min)',
      details: { actionId: 'action-1', action: 'like' },
    });
    expect(actions).toEqual([
      {
        action: 'like',
        channel: 'twitter',
        account: 'acme-twitter',
        target: {
          messageId: 'msg-1',
          platformMessageId: '1790000000000000001',
          authorId: '12345',
          replyTarget: { kind: 'tweet', id: '1790000000000000001' },
        },
        retryForSeconds: 300,
      },
    ]);
  });

  it('likes a Facebook comment, with the configured retry window', async () => {
    const { result, actions } = await run(
      { channel: 'facebook', kind: 'comment', account: 'acme-page', platformMessageId: '42_7' },
      { config: { retryForSeconds: 0 } },
    );
    expect(result.reason).toBe('like of comment 42_7 queued (outbox action-1; not retried)');
    expect(actions[0]).toMatchObject({ channel: 'facebook', account: 'acme-page', retryForSeconds: 0 });
  });

  it('says what it would do in a simulation and takes done at once', async () => {
    const { result } = await run({}, { dryRun: true });
    expect(result).toMatchObject({ port: 'done', reason: 'would like tweet 1790000000000000001 (simulation)' });
  });

  it('fails at once on a channel without likes, queueing nothing', async () => {
    const { result, actions } = await run({ channel: 'whatsapp', visibility: 'private', kind: 'message' });
    expect(result).toEqual({ port: 'failed', reason: 'cannot like on whatsapp: only twitter and facebook support it' });
    expect(actions).toEqual([]);
  });

  it('fails at once on a private message, queueing nothing', async () => {
    const { result, actions } = await run({ visibility: 'private', kind: 'dm' });
    expect(result).toEqual({ port: 'failed', reason: 'cannot like a private message: only public posts can be liked' });
    expect(actions).toEqual([]);
  });
});
