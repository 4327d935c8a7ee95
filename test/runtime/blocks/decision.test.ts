import { describe, expect, it } from 'vitest';
import { portsOf } from '../../../schemas/block.ts';
import { decision as definition } from '../../../schemas/blocks/decision.ts';
import { decision } from '../../../runtime/src/blocks/decision.ts';
import type { RunContext } from '../../../runtime/src/engine/types.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

const config = blockConfig(definition, {
  cases: [
    {
      port: 'vip',
      conditions: [
        { path: 'contact.segment', op: 'in', value: ['gold', 'platinum'] },
        { path: 'routing.priority', op: 'greater-than', value: 40 },
      ],
    },
    {
      port: 'angry',
      label: 'Angry or refund',
      match: 'any',
      conditions: [
        { path: 'sentiment.label', op: 'equals', value: 'negative' },
        { path: 'message.text', op: 'contains', value: 'REFUND' },
      ],
    },
    { port: 'has-order', conditions: [{ path: 'vars.orderId', op: 'exists' }] },
  ],
});

function run(context: RunContext) {
  return decision({ config, context, nodeId: 'decide', signal, services: testServices() });
}

const contact = { id: 'c-1', attributes: {}, isNew: false };

describe('Decision', () => {
  it('takes the first case whose conditions all hold, and says why', async () => {
    const result = await run(testContext({ contact: { ...contact, segment: 'Gold' } }));
    expect(result).toEqual({
      port: 'vip',
      reason: 'case "vip": contact.segment in ["gold","platinum"] and routing.priority greater than 40',
      details: { case: 'vip' },
    });
  });

  it('takes an "any" case when one condition holds, comparing text without case', async () => {
    const result = await run(testContext({ contact: { ...contact, segment: 'silver' } }, { text: 'I want a refund now' }));
    expect(result).toMatchObject({ port: 'angry', reason: 'case "Angry or refund": message.text contains "REFUND"' });
  });

  it('falls through to default and names the value that failed each case', async () => {
    const result = await run(testContext({ vars: { orderId: '' } }));
    expect(result).toEqual({
      port: 'default',
      reason: 'no case matched ("vip": contact.segment is not set; "Angry or refund": sentiment.label is not set; "has-order": vars.orderId is "")',
    });
  });

  it('compares numbers stored as text as numbers', async () => {
    const numeric = blockConfig(definition, { cases: [{ port: 'big', conditions: [{ path: 'vars.total', op: 'greater-than', value: 100 }] }] });
    const context = testContext({ vars: { total: '250.5' } });
    const result = await decision({ config: numeric, context, nodeId: 'decide', signal, services: testServices() });
    expect(result.reason).toBe('case "big": vars.total greater than 100');
  });

  it('does not walk into inherited properties', async () => {
    const sneaky = blockConfig(definition, {
      cases: [{ port: 'proto', match: 'any', conditions: [
        { path: 'vars.constructor', op: 'exists' },
        { path: 'vars.__proto__', op: 'exists' },
        { path: 'message.text.length', op: 'exists' },
      ] }],
    });
    const result = await decision({ config: sneaky, context: testContext(), nodeId: 'decide', signal, services: testServices() });
    expect(result.reason).toMatch(/^no case matched/);
  });

  it('has one port per case and a default port', () => {
    expect(portsOf(definition, config).map((port) => port.id)).toEqual(['vip', 'angry', 'has-order', 'default']);
  });

  it('rejects a missing value, a list for equals, a text bound and the reserved default port', () => {
    expect(configProblems(definition, {
      cases: [
        { port: 'a', conditions: [{ path: 'contact.segment', op: 'equals' }] },
        { port: 'b', conditions: [{ path: 'contact.segment', op: 'equals', value: ['x'] }] },
        { port: 'c', conditions: [{ path: 'vars.total', op: 'less-than', value: '10' }] },
        { port: 'default', conditions: [{ path: 'now', op: 'exists' }] },
      ],
    })).toEqual(expect.arrayContaining([
      '/cases/0/conditions/0/value is required',
      '/cases/1/conditions/0/value must be string,number,boolean',
      '/cases/2/conditions/0/value must be number',
      '/cases/3/port must NOT be valid',
      '/cases/3/conditions/0/path has a form that is not allowed (must match ^(message|contact|conversation|routing|vars|sentiment|flow)(\\.[A-Za-z0-9_-]+)*$)',
    ]));
  });
});
