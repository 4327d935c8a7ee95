import { describe, expect, it } from 'vitest';
import { retweet as definition } from '../../../schemas/blocks/retweet.ts';
import { retweet } from '../../../runtime/src/blocks/retweet.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

describe('Retweet', () => {
  it('queues a retweet of a public tweet and waits for the outbox', async () => {
    const services = testServices();
    const config = blockConfig(definition, { retryForSeconds: 3600 });
    const result = await retweet({ config, context: testContext(), nodeId: 'rt', signal, services });
    expect(result).toMatchObject({ wait: { key: 'outbox:action-1' }, reason: 'retweet of tweet 1790000000000000001 queued (outbox action-1; retried for up to 1 h)' });
    expect(services.actions).toMatchObject([{ action: 'retweet', channel: 'twitter', retryForSeconds: 3600 }]);
  });

  it('fails at once on Facebook, where there is nothing to retweet', async () => {
    const services = testServices();
    const context = testContext({}, { channel: 'facebook', kind: 'post' });
    const result = await retweet({ config: blockConfig(definition, {}), context, nodeId: 'rt', signal, services });
    expect(result).toEqual({ port: 'failed', reason: 'cannot retweet on facebook: only twitter support it' });
    expect(services.actions).toEqual([]);
  });

  it('fails at once on a direct message', async () => {
    const services = testServices();
    const context = testContext({}, { visibility: 'private', kind: 'dm' });
    const result = await retweet({ config: blockConfig(definition, {}), context, nodeId: 'rt', signal, services });
    expect(result).toEqual({ port: 'failed', reason: 'cannot retweet a private message: only public posts can be retweeted' });
  });

  it('keeps the retry window within a day', () => {
    expect(configProblems(definition, { retryForSeconds: 86401 })).toEqual(['/retryForSeconds must be <= 86400']);
  });
});
