import { describe, expect, it } from 'vitest';
import type { ConfigOf } from '../../../schemas/blocks/index.ts';
import { facebookTrigger as definition } from '../../../schemas/blocks/facebook-trigger.ts';
import { facebookTrigger } from '../../../runtime/src/blocks/facebook-trigger.ts';
import { isWait } from '../../../runtime/src/engine/types.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { testContext, testServices } from '../../support/run-services.ts';

async function run(config: ConfigOf<'facebook-trigger'>, message: Partial<InboundMessage>) {
  const result = await facebookTrigger({
    config,
    context: testContext({}, { channel: 'facebook', account: 'acme-page', author: { id: 'psid-1', name: 'Jane Doe' }, ...message }),
    nodeId: 'trigger',
    signal: new AbortController().signal,
    services: testServices(),
  });
  if (isWait(result)) throw new Error('a trigger never waits');
  return result;
}

describe('Facebook trigger', () => {
  it('sends page posts to "post" and comments and replies to "comment"', async () => {
    expect((await run({}, { visibility: 'public', kind: 'post' })).port).toBe('post');
    expect((await run({}, { visibility: 'public', kind: 'comment' })).port).toBe('comment');
    expect((await run({}, { visibility: 'public', kind: 'reply' })).port).toBe('comment');
  });

  it('sends anything on Messenger, or private on Facebook, to "message"', async () => {
    expect((await run({}, { channel: 'messenger', visibility: 'private', kind: 'message' })).port).toBe('message');
    expect((await run({}, { channel: 'facebook', visibility: 'private', kind: 'comment' })).port).toBe('message');
  });

  it('filters out events that are not enabled', async () => {
    const result = await run({ events: ['message'] }, { visibility: 'public', kind: 'comment' });
    expect(result.port).toBe('filtered');
    expect(result.reason).toBe('filtered: comment from Jane Doe, but comments are not enabled (enabled: Messenger message)');
  });

  it('applies the keyword filter with the keyword router’s matching', async () => {
    const config = { keywords: ['remboursement'] };
    const hit = await run(config, { kind: 'comment', text: 'Je veux un REMBOURSEMENT !' });
    expect(hit).toMatchObject({ port: 'comment', reason: "comment from Jane Doe matched keyword 'remboursement'" });
    expect((await run(config, { kind: 'comment', text: 'remboursements en attente' })).port).toBe('filtered');
  });

  it('filters out a message from a channel other than Facebook or Messenger', async () => {
    expect((await run({}, { channel: 'whatsapp', visibility: 'private', kind: 'message' })).port).toBe('filtered');
  });

  it('offers ports only for the enabled events', () => {
    expect(definition.portsFor!({ events: ['post', 'message'] }).map((port) => port.id)).toEqual(['post', 'message', 'filtered']);
  });
});
