import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../runtime/src/store/index.ts';
import { at, completedCommit, interaction, message } from './fixtures.ts';

describe('MessageRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores an inbound message once per channel, account and platform id', () => {
    const stored = store.messages.insertInbound(message(1));
    expect(stored).toMatchObject({ id: 'msg-1', direction: 'in', channel: 'twitter', account: 'acme-twitter', platformMessageId: 'tweet-1', text: 'hello 1' });
    expect(store.messages.get('msg-1')).toEqual(stored);

    expect(store.messages.insertInbound(message(1, { id: 'msg-redelivered' }))).toBeUndefined();
    expect(store.messages.get('msg-redelivered')).toBeUndefined();

    expect(store.messages.insertInbound(message(1, { id: 'msg-other-account', account: 'acme-support' }))).toBeDefined();
    expect(store.messages.insertInbound(message(1, { id: 'msg-other-channel', channel: 'facebook' }))).toBeDefined();
  });

  it('lists messages by interaction, contact and conversation, newest first', () => {
    for (const n of [1, 2, 3]) store.executions.start(message(n), { id: `run-${n}`, flowId: 'care', flowVersion: 1 });
    store.executions.commit(completedCommit('run-1', 'msg-1', { interaction: { record: interaction('int-1') } }));
    store.executions.commit(completedCommit('run-2', 'msg-2', { at: at(2), interaction: { joinId: 'int-1', record: interaction('int-2') } }));
    store.executions.commit(completedCommit('run-3', 'msg-3', { at: at(3), interaction: { record: interaction('int-3', { conversationId: 'conv-2' }) } }));

    expect(store.messages.list({ interactionId: 'int-1' }).map((record) => record.id)).toEqual(['msg-2', 'msg-1']);
    expect(store.messages.list({ contactId: 'contact-1' }).map((record) => record.id)).toEqual(['msg-3', 'msg-2', 'msg-1']);
    expect(store.messages.list({ conversationId: 'conv-2' }).map((record) => record.id)).toEqual(['msg-3']);
    expect(store.messages.list({ contactId: 'contact-1', limit: 1 }).map((record) => record.id)).toEqual(['msg-3']);
    expect(store.messages.list({}).map((record) => record.id)).toEqual(['msg-3', 'msg-2', 'msg-1']);
  });
});
