import { describe, expect, it } from 'vitest';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { keywordRouter as definition } from '../../../schemas/blocks/keyword-router.ts';
import { keywordRouter } from '../../../runtime/src/blocks/keyword-router.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import { testContext, testServices } from '../../support/run-services.ts';

async function route(config: ConfigOf<'keyword-router'>, text: string) {
  const result = await keywordRouter({
    config,
    context: testContext({}, { text }),
    nodeId: 'router',
    signal: new AbortController().signal,
    services: testServices(),
  });
  if (isWait(result)) throw new Error('the keyword router never waits');
  return result;
}

const config: ConfigOf<'keyword-router'> = {
  rules: [
    { port: 'outage', label: 'outage', keywords: ['down', '#outage', 'not working'] },
    { port: 'billing', label: 'Billing', keywords: ['refund', 'invoice'] },
    { port: 'vip', keywords: ['refund', 'urgent'], match: 'all' },
  ],
};

describe('Keyword router', () => {
  it('takes the port of the rule whose keyword matches and says which keyword', async () => {
    const result = await route(config, '@acme your site is DOWN again');
    expect(result.port).toBe('outage');
    expect(result.reason).toBe("matched rule 'outage' on keyword 'down'");
    expect(result.details).toEqual({ rule: 0, keywords: ['down'] });
  });

  it('lets the first matching rule win when several match', async () => {
    const result = await route(config, 'urgent: refund please, the app is down');
    expect(result.port).toBe('outage');
    expect((await route(config, 'urgent refund please')).port).toBe('billing');
  });

  it('needs every keyword of an "all" rule', async () => {
    const vipOnly = { rules: [config.rules[2]!] };
    expect(await route(vipOnly, 'URGENT, need a refund')).toMatchObject({
      port: 'vip',
      reason: "matched rule 'vip' on all keywords 'refund', 'urgent'",
    });
    expect((await route(vipOnly, 'need a refund')).port).toBe('default');
  });

  it('takes "default" when no rule matches, and never matches part of a word', async () => {
    const result = await route(config, 'downloading the invoices was helpful');
    expect(result.port).toBe('default');
    expect(result.reason).toBe('no rule matched (3 rules checked)');
  });

  it('offers one port per rule and a default port', () => {
    expect(definition.portsFor!(config).map((port) => port.id)).toEqual(['outage', 'billing', 'vip', 'default']);
  });
});
