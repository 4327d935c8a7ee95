import { describe, expect, it } from 'vitest';
import { end as definition } from '../../../schemas/blocks/end.ts';
import { portsOf } from '../../../schemas/block.ts';
import { end } from '../../../runtime/src/blocks/end.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

describe('End', () => {
  it('ends the flow with a reason and has no ports to connect', async () => {
    const config = blockConfig(definition, {});
    const result = await end({ config, context: testContext(), nodeId: 'done', signal: new AbortController().signal, services: testServices() });
    expect(result).toEqual({ port: 'end', reason: 'flow ended' });
    expect(portsOf(definition, config)).toEqual([]);
  });

  it('takes no settings', () => {
    expect(configProblems(definition, { note: 'bye' })).toEqual(['/note is not a known field here']);
  });
});
