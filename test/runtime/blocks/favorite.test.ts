import { describe, expect, it } from 'vitest';
import { favorite as definition } from '../../../schemas/blocks/favorite.ts';
import { favorite } from '../../../runtime/src/blocks/favorite.ts';
import { blockConfig } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

describe('Favorite', () => {
  it('queues a favorite with the default retry window', async () => {
    const services = testServices();
    const result = await favorite({ config: blockConfig(definition, {}), context: testContext(), nodeId: 'fav', signal, services });
    expect(result).toMatchObject({ wait: { key: 'outbox:action-1' } });
    expect(services.actions).toMatchObject([{ action: 'favorite', retryForSeconds: 300, target: { platformMessageId: '1790000000000000001' } }]);
  });

  it('records the favorite in a simulation and takes done', async () => {
    const services = testServices({ dryRun: true });
    const result = await favorite({ config: blockConfig(definition, {}), context: testContext(), nodeId: 'fav', signal, services });
    expect(result).toMatchObject({ port: 'done', reason: 'would favorite tweet 1790000000000000001 (simulation)' });
    expect(services.actions).toHaveLength(1);
  });

  it('fails at once on LINE', async () => {
    const services = testServices();
    const context = testContext({}, { channel: 'line', visibility: 'private', kind: 'message' });
    const result = await favorite({ config: blockConfig(definition, {}), context, nodeId: 'fav', signal, services });
    expect(result).toEqual({ port: 'failed', reason: 'cannot favorite on line: only twitter support it' });
    expect(services.actions).toEqual([]);
  });
});
