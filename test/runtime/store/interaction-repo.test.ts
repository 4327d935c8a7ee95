import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type InteractionRecord, type Store } from '../../../runtime/src/store/index.ts';
import { at, completedCommit, interaction, message } from './fixtures.ts';

describe('InteractionRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  function seed(n: number, overrides: Partial<InteractionRecord>): void {
    store.executions.start(message(n), { id: `run-${n}`, flowId: 'care', flowVersion: 1 });
    store.executions.commit(completedCommit(`run-${n}`, `msg-${n}`, { at: at(n), interaction: { record: interaction(`int-${n}`, overrides) } }));
  }

  it('finds the open interaction of a conversation', () => {
    seed(1, { state: 'closed' });
    expect(store.interactions.openIdForConversation('conv-1')).toBeUndefined();
    seed(2, { state: 'assigned' });
    expect(store.interactions.openIdForConversation('conv-1')).toBe('int-2');
    expect(store.interactions.openIdForConversation('conv-9')).toBeUndefined();
  });

  it('reads back every field it stored', () => {
    seed(1, { preferredAgent: 'agent-7', preferredAgentUntil: at(600), greeting: 'Hi Ann' });
    expect(store.interactions.get('int-1')).toEqual({
      ...interaction('int-1', { preferredAgent: 'agent-7', preferredAgentUntil: at(600), greeting: 'Hi Ann' }),
      flags: [],
      createdAt: at(1),
      updatedAt: at(1),
    });
  });

  it('keeps the flags added for the agent, oldest first', () => {
    seed(1, {});
    store.interactions.addFlag('int-1', { kind: 'message-edited', at: at(5), messageId: 'm-1', note: 'edited' });
    store.interactions.addFlag('int-1', { kind: 'message-deleted', at: at(6), note: 'removed' });
    expect(store.interactions.get('int-1')?.flags?.map((flag) => flag.kind)).toEqual(['message-edited', 'message-deleted']);
    expect(store.interactions.get('int-1')?.updatedAt).toBe(at(6));
  });

  it('lists by state, queue, contact, channel, flow and time, newest first', () => {
    seed(1, { state: 'queued', queue: 'general' });
    seed(2, { state: 'queued', queue: 'billing', channel: 'facebook' });
    seed(3, { state: 'closed', queue: 'general', contactId: 'contact-2', flowId: 'vip' });
    const ids = (filter: Parameters<Store['interactions']['list']>[0]) => store.interactions.list(filter).map((record) => record.id);

    expect(ids({})).toEqual(['int-3', 'int-2', 'int-1']);
    expect(ids({ state: 'queued' })).toEqual(['int-2', 'int-1']);
    expect(ids({ state: 'queued', queue: 'general' })).toEqual(['int-1']);
    expect(ids({ contactId: 'contact-2' })).toEqual(['int-3']);
    expect(ids({ channel: 'facebook' })).toEqual(['int-2']);
    expect(ids({ flowId: 'vip' })).toEqual(['int-3']);
    expect(ids({ since: at(2) })).toEqual(['int-3', 'int-2']);
    expect(ids({ limit: 2 })).toEqual(['int-3', 'int-2']);
  });

  it('lists by the agent it is offered to, assigned to or was closed by', () => {
    for (const n of [1, 2, 3, 4]) seed(n, { state: 'queued', queue: 'general' });
    store.interactions.setRouting('int-1', { state: 'assigned', agentId: 'alice' }, at(5));
    store.interactions.setRouting('int-2', { state: 'offered', agentId: 'bob' }, at(5));
    store.interactions.setRouting('int-3', { state: 'closed', agentId: 'alice' }, at(5));
    const ids = (filter: Parameters<Store['interactions']['list']>[0]) => store.interactions.list(filter).map((record) => record.id);

    expect(ids({ agentId: 'alice' })).toEqual(['int-3', 'int-1']);
    expect(ids({ agentId: 'alice', state: 'assigned' })).toEqual(['int-1']);
    expect(ids({ agentId: 'bob' })).toEqual(['int-2']);
    expect(ids({ agentId: 'carol' })).toEqual([]);
    // Requeued: no agent holds it any more.
    store.interactions.setRouting('int-2', { state: 'queued', agentId: null }, at(6), 'bob');
    expect(ids({ agentId: 'bob' })).toEqual([]);
  });
});
