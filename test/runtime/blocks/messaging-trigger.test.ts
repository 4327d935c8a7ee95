import { describe, expect, it } from 'vitest';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { messagingTrigger as definition } from '../../../schemas/blocks/messaging-trigger.ts';
import { messagingTrigger } from '../../../runtime/src/blocks/messaging-trigger.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { testContext, testServices } from '../../support/run-services.ts';

async function run(config: ConfigOf<'messaging-trigger'>, message: Partial<InboundMessage>) {
  const result = await messagingTrigger({
    config,
    context: testContext({}, { visibility: 'private', kind: 'message', author: { id: '+33600000000', name: 'Jane Doe' }, ...message }),
    nodeId: 'trigger',
    signal: new AbortController().signal,
    services: testServices(),
  });
  if (isWait(result)) throw new Error('a trigger never waits');
  return result;
}

describe('Messaging trigger', () => {
  it('listens to private messages only, on the four messaging channels', () => {
    expect(definition.trigger).toEqual({ channels: ['whatsapp', 'line', 'messenger', 'twitter'], visibility: 'private' });
  });

  it('sends a private message on any messaging channel to "out"', async () => {
    for (const channel of ['whatsapp', 'line', 'messenger', 'twitter'] as const) {
      expect((await run({}, { channel })).port).toBe('out');
    }
    expect((await run({}, { channel: 'whatsapp' })).reason).toBe('WhatsApp message from Jane Doe');
    expect((await run({}, { channel: 'twitter' })).reason).toBe('Twitter DM from Jane Doe');
  });

  it('filters out public messages', async () => {
    const result = await run({}, { channel: 'twitter', visibility: 'public', kind: 'mention' });
    expect(result.port).toBe('filtered');
    expect(result.reason).toBe('filtered: a public twitter mention, not a private message');
  });

  it('filters out channels that are not enabled', async () => {
    const result = await run({ channels: ['whatsapp'] }, { channel: 'line' });
    expect(result.port).toBe('filtered');
    expect(result.reason).toBe('filtered: LINE is not enabled (enabled: WhatsApp)');
  });

  it('applies the keyword filter', async () => {
    const config = { keywords: ['order status'] };
    expect(await run(config, { channel: 'whatsapp', text: 'Hi, what is my Order   Status?' })).toMatchObject({
      port: 'out',
      reason: "WhatsApp message from Jane Doe matched keyword 'order status'",
    });
    expect((await run(config, { text: 'order has no status' })).port).toBe('filtered');
  });
});
