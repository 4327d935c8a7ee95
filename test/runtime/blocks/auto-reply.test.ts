import { describe, expect, it } from 'vitest';
import { autoReply as definition } from '../../../schemas/blocks/auto-reply.ts';
import { autoReply } from '../../../runtime/src/blocks/auto-reply.ts';
import type { RunContext } from '../../../runtime/src/engine/types.ts';
import type { Resource } from '../../../schemas/resources/index.ts';
import { blockConfig, configProblems } from '../../support/block-config.ts';
import { testContext, testServices } from '../../support/run-services.ts';

const signal = new AbortController().signal;

const delay: Resource = {
  kind: 'response',
  id: 'delay',
  name: 'Delay notice',
  text: 'Hi {{ contact.name }}, orders ship in {{ vars.days }} days.',
  channels: ['twitter', 'messenger'],
};

async function run(config: unknown, context: RunContext = testContext(), dryRun = false) {
  const services = testServices({ resources: [delay], dryRun });
  const result = await autoReply({ config: blockConfig(definition, config), context, nodeId: 'reply', signal, services });
  return { result, actions: services.actions };
}

describe('Auto reply', () => {
  it("retries for the account's window when the block sets none, and the block's when it does", async () => {
    const account: Resource = { kind: 'account', id: 'acme-twitter', name: '@Acme', channel: 'twitter', platformId: '1', retryForSeconds: 900 };
    const services = testServices({ resources: [account] });
    await autoReply({ config: blockConfig(definition, { text: 'hi' }), context: testContext(), nodeId: 'reply', signal, services });
    await autoReply({ config: blockConfig(definition, { text: 'hi', retryForSeconds: 60 }), context: testContext(), nodeId: 'reply', signal, services });
    expect(services.actions.map((action) => action.retryForSeconds)).toEqual([900, 60]);
  });

  it('renders the text, replies the way the message came in, and waits for the outbox', async () => {
    const context = testContext({}, { replyTarget: { kind: 'tweet', id: '1790000000000000001' }, threadId: 't-9' });
    const { result, actions } = await run({ text: 'Thanks @{{ message.author.handle }}!' }, context);
    expect(result).toEqual({
      wait: { key: 'outbox:action-1' },
      reason: 'reply queued publicly: "Thanks @jane!" (outbox action-1; retried for up to 5 min)',
      details: { actionId: 'action-1', action: 'reply' },
    });
    expect(actions).toEqual([
      {
        action: 'reply',
        channel: 'twitter',
        account: 'acme-twitter',
        visibility: 'public',
        text: 'Thanks @jane!',
        target: {
          messageId: 'msg-1',
          platformMessageId: '1790000000000000001',
          authorId: '12345',
          replyTarget: { kind: 'tweet', id: '1790000000000000001' },
          threadId: 't-9',
        },
        retryForSeconds: 300,
      },
    ]);
  });

  it('sends a standard response privately in a simulation and takes sent at once', async () => {
    const context = testContext({ contact: { id: 'c-1', name: 'Jane', attributes: {}, isNew: false }, vars: { days: 3 } });
    const { result, actions } = await run({ response: 'delay', visibility: 'private', retryForSeconds: 60 }, context, true);
    expect(result).toMatchObject({ port: 'sent', reason: 'would reply privately: "Hi Jane, orders ship in 3 days." (simulation)' });
    expect(actions).toMatchObject([{ visibility: 'private', text: 'Hi Jane, orders ship in 3 days.', retryForSeconds: 60 }]);
  });

  it('fails without queueing when the standard response is missing or not for the channel', async () => {
    expect(await run({ response: 'gone' })).toEqual({ result: { port: 'failed', reason: 'standard response "gone" does not exist' }, actions: [] });
    const whatsapp = testContext({}, { channel: 'whatsapp', visibility: 'private', kind: 'message' });
    expect((await run({ response: 'delay' }, whatsapp)).result).toEqual({
      port: 'failed',
      reason: 'standard response "Delay notice" is not meant for whatsapp (only twitter, messenger)',
    });
  });

  it('fails on a public reply where the channel has no public side', async () => {
    const messenger = testContext({}, { channel: 'messenger', visibility: 'private', kind: 'message' });
    const { result, actions } = await run({ text: 'Hello', visibility: 'public' }, messenger);
    expect(result).toEqual({ port: 'failed', reason: 'messenger has no public replies: choose "private" or "same"' });
    expect(actions).toEqual([]);
  });

  it('fails when the text renders to nothing', async () => {
    const { result } = await run({ text: '{{ vars.missing }}  ' });
    expect(result).toEqual({ port: 'failed', reason: 'the reply rendered to empty text: nothing to send' });
  });

  it('fails with the template error when a filter is unknown', async () => {
    const { result } = await run({ text: '{{ message.text | shout }}' });
    expect(result).toMatchObject({ port: 'failed', reason: expect.stringMatching(/^the reply could not be rendered: .*shout/) });
  });

  it('needs a text or a standard response, and names both for the validator', () => {
    expect(configProblems(definition, { visibility: 'same' })).toContain('/text is required');
    const config = blockConfig(definition, { text: 'Hi {{ contact.name }}', response: 'delay' });
    expect(definition.templates?.(config)).toEqual([{ text: 'Hi {{ contact.name }}', pointer: '/text' }]);
    expect(definition.references?.(config)).toEqual([{ kind: 'response', id: 'delay', pointer: '/response' }]);
  });
});
