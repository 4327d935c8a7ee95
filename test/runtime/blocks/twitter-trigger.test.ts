import { describe, expect, it } from 'vitest';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { twitterTrigger as definition } from '../../../schemas/blocks/twitter-trigger.ts';
import { twitterTrigger } from '../../../runtime/src/blocks/twitter-trigger.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { testContext, testServices } from '../../support/run-services.ts';

async function run(config: ConfigOf<'twitter-trigger'>, message: Partial<InboundMessage>) {
  const result = await twitterTrigger({
    config,
    context: testContext({}, message),
    nodeId: 'trigger',
    signal: new AbortController().signal,
    services: testServices(),
  });
  if (isWait(result)) throw new Error('a trigger never waits');
  return result;
}

describe('Twitter trigger', () => {
  it('sends a public mention to "mention", a reply to "reply" and a private message to "dm"', async () => {
    expect((await run({}, { visibility: 'public', kind: 'mention' })).port).toBe('mention');
    expect((await run({}, { visibility: 'public', kind: 'reply' })).port).toBe('reply');
    expect((await run({}, { visibility: 'private', kind: 'dm' })).port).toBe('dm');
  });

  it('treats any other public tweet as a mention and a private reply as a DM', async () => {
    expect((await run({}, { visibility: 'public', kind: 'post' })).port).toBe('mention');
    expect((await run({}, { visibility: 'private', kind: 'reply' })).port).toBe('dm');
  });

  it('filters out events that are not enabled and says which are', async () => {
    const result = await run({ events: ['mention', 'reply'] }, { visibility: 'private', kind: 'dm' });
    expect(result.port).toBe('filtered');
    expect(result.reason).toBe('filtered: direct message from @jane, but direct messages are not enabled (enabled: mention, reply)');
  });

  it('lets through only messages with a keyword when keywords are set, naming the keyword', async () => {
    const config = { keywords: ['refund', '#outage'] };
    const hit = await run(config, { text: '@acme any news on the #Outage?' });
    expect(hit.port).toBe('mention');
    expect(hit.reason).toBe("mention from @jane matched keyword '#outage'");
    const miss = await run(config, { text: '@acme the outage again' });
    expect(miss.port).toBe('filtered');
    expect(miss.reason).toBe("filtered: mention from @jane has none of the keywords 'refund', '#outage'");
  });

  it('treats an empty keyword list as no filter', async () => {
    expect((await run({ keywords: [] }, { text: 'anything' })).port).toBe('mention');
  });

  it('filters out a message from another channel', async () => {
    const result = await run({}, { channel: 'facebook' });
    expect(result.port).toBe('filtered');
    expect(result.reason).toContain('not a Twitter one');
  });

  it('offers ports only for the enabled events, plus an optional "filtered"', () => {
    expect(definition.portsFor!({ events: ['dm'] }).map((port) => [port.id, port.optional ?? false])).toEqual([
      ['dm', false],
      ['filtered', true],
    ]);
    expect(definition.portsFor!({}).map((port) => port.id)).toEqual(['mention', 'reply', 'dm', 'filtered']);
  });
});
