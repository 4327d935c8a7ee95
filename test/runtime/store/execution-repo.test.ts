import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError, openStore, type Store } from '../../../runtime/src/store/index.ts';
import { at, completedCommit, interaction, message, reply, steps } from './fixtures.ts';

const care = { flowId: 'care', flowVersion: 1 };

describe('ExecutionRepo', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  describe('start', () => {
    it('stores the message and a running execution together', () => {
      const started = store.executions.start(message(1), { id: 'run-1', ...care });
      expect(started?.message).toMatchObject({ id: 'msg-1', platformMessageId: 'tweet-1' });
      expect(store.messages.get('msg-1')?.message).toEqual(message(1));
      expect(store.executions.get('run-1')).toMatchObject({ id: 'run-1', ...care, messageId: 'msg-1', status: 'running', startedAt: at(1), steps: [] });
    });

    it('stores only the message when no flow takes it', () => {
      expect(store.executions.start(message(1))).toBeDefined();
      expect(store.executions.list({})).toEqual([]);
    });

    it('returns undefined for a duplicate message and writes nothing', () => {
      store.executions.start(message(1), { id: 'run-1', ...care });
      expect(store.executions.start(message(1, { id: 'msg-again' }), { id: 'run-2', ...care })).toBeUndefined();
      expect(store.executions.get('run-2')).toBeUndefined();
      expect(store.messages.get('msg-again')).toBeUndefined();
    });
  });

  describe('commit', () => {
    beforeEach(() => {
      store.executions.start(message(1), { id: 'run-1', ...care });
    });

    it('writes steps, actions, the interaction and the message link of a finished run', () => {
      store.executions.commit(completedCommit('run-1', 'msg-1', { actions: [reply('out-1')], interaction: { record: interaction('int-1') } }));

      const run = store.executions.get('run-1');
      expect(run).toMatchObject({ status: 'completed', finishedAt: at(1), interactionId: 'int-1' });
      expect(run?.steps).toEqual(steps(6));
      expect(store.outbox.get('out-1')).toMatchObject({ status: 'pending', executionId: 'run-1', interactionId: 'int-1' });
      expect(store.interactions.get('int-1')).toMatchObject({ state: 'queued', createdAt: at(1), updatedAt: at(1) });
      expect(store.messages.get('msg-1')).toMatchObject({ interactionId: 'int-1', contactId: 'contact-1', conversationId: 'conv-1' });
    });

    it('keeps the snapshot and wait key of a paused run, and clears them when it finishes', () => {
      const snapshot = { value: 'waiting-for-reply', context: { vars: { attempt: 1 } } };
      store.executions.commit({ ...completedCommit('run-1', 'msg-1'), status: 'waiting', steps: steps(3), actions: [reply('out-1')], waitKey: 'out-1', snapshot });
      expect(store.executions.findWaiting('out-1')).toMatchObject({ id: 'run-1', status: 'waiting', waitKey: 'out-1' });
      expect(store.executions.findWaiting('out-1')?.steps).toHaveLength(3);
      expect(store.executions.snapshot('run-1')).toEqual(snapshot);
      expect(store.executions.get('run-1')?.finishedAt).toBeUndefined();

      store.executions.commit(completedCommit('run-1', 'msg-1', { steps: steps(2, 4), at: at(9), interaction: { record: interaction('int-1') } }));
      const run = store.executions.get('run-1');
      expect(run).toMatchObject({ status: 'completed', finishedAt: at(9) });
      expect(run?.waitKey).toBeUndefined();
      expect(run?.steps.map((step) => step.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(store.executions.snapshot('run-1')).toBeUndefined();
      expect(store.executions.findWaiting('out-1')).toBeUndefined();
    });

    it('joins an open interaction: its state stays, its updated time moves, the message is filed under it', () => {
      store.executions.commit(completedCommit('run-1', 'msg-1', { interaction: { record: interaction('int-1', { state: 'assigned' }) } }));
      store.executions.start(message(2), { id: 'run-2', ...care });
      store.executions.commit(
        completedCommit('run-2', 'msg-2', { at: at(5), interaction: { joinId: 'int-1', record: interaction('int-new', { state: 'queued' }) } }),
      );

      expect(store.interactions.get('int-1')).toMatchObject({ state: 'assigned', createdAt: at(1), updatedAt: at(5) });
      expect(store.interactions.get('int-new')).toBeUndefined();
      expect(store.messages.get('msg-2')?.interactionId).toBe('int-1');
      expect(store.executions.get('run-2')?.interactionId).toBe('int-1');
    });

    it('records a failed run with its error', () => {
      store.executions.commit({ ...completedCommit('run-1', 'msg-1'), status: 'failed', error: 'executor threw' });
      expect(store.executions.get('run-1')).toMatchObject({ status: 'failed', error: 'executor threw', finishedAt: at(1) });
    });

    it('writes nothing of a commit when one part fails', () => {
      const broken = completedCommit('run-1', 'msg-1', {
        actions: [reply('out-1'), reply('out-1')],
        interaction: { record: interaction('int-1') },
        snapshot: { never: 'stored' },
      });
      expect(() => store.executions.commit(broken)).toThrow(/UNIQUE/);

      expect(store.executions.get('run-1')).toMatchObject({ status: 'running', steps: [] });
      expect(store.executions.get('run-1')?.interactionId).toBeUndefined();
      expect(store.executions.snapshot('run-1')).toBeUndefined();
      expect(store.outbox.list({})).toEqual([]);
      expect(store.interactions.get('int-1')).toBeUndefined();
      expect(store.messages.get('msg-1')?.interactionId).toBeUndefined();
      expect(store.executions.interrupted().map((run) => run.id)).toEqual(['run-1']);
    });

    it('refuses a commit for an unknown run or an unknown interaction to join', () => {
      expect(() => store.executions.commit(completedCommit('ghost', 'msg-1'))).toThrow(NotFoundError);
      expect(() => store.executions.commit(completedCommit('run-1', 'msg-1', { interaction: { joinId: 'ghost', record: interaction('x') } }))).toThrow(
        NotFoundError,
      );
      expect(store.executions.get('run-1')?.status).toBe('running');
    });
  });

  describe('record (a run stored whole with its message)', () => {
    it('writes the message filed under its interaction, the finished run with its steps, actions and the interaction', () => {
      const stored = store.executions.record(message(1), { id: 'run-1', ...care }, completedCommit('run-1', 'msg-1', { actions: [reply('out-1')], interaction: { record: interaction('int-1') } }));
      expect(stored).toBe(true);
      expect(store.messages.get('msg-1')).toMatchObject({ interactionId: 'int-1', contactId: 'contact-1', conversationId: 'conv-1' });
      expect(store.executions.get('run-1')).toMatchObject({ status: 'completed', startedAt: at(1), finishedAt: at(1), interactionId: 'int-1', steps: steps(6) });
      expect(store.outbox.get('out-1')).toMatchObject({ executionId: 'run-1', interactionId: 'int-1' });
      expect(store.messages.has(message(1))).toBe(true);
    });

    it('keeps a paused run waiting with its snapshot, and a later commit appends its steps', () => {
      const snapshot = { value: { node_reply: 'waiting' }, context: { vars: {} } };
      store.executions.record(message(1), { id: 'run-1', ...care }, { ...completedCommit('run-1', 'msg-1'), status: 'waiting', steps: steps(3), actions: [reply('out-1')], waitKey: 'out-1', snapshot });
      expect(store.executions.findWaiting('out-1')).toMatchObject({ id: 'run-1', status: 'waiting' });
      expect(store.executions.snapshot('run-1')).toEqual(snapshot);
      store.executions.commit(completedCommit('run-1', 'msg-1', { steps: steps(2, 4), interaction: { record: interaction('int-1') } }));
      expect(store.executions.get('run-1')?.steps.map((step) => step.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(store.outbox.get('out-1')?.interactionId).toBe('int-1');
      expect(store.executions.snapshot('run-1')).toBeUndefined();
    });

    it('writes nothing for a message that got in meanwhile (a duplicate), not even the interaction', () => {
      store.executions.start(message(1), { id: 'run-1', ...care });
      const again = store.executions.record(message(1, { id: 'msg-again' }), { id: 'run-2', ...care }, completedCommit('run-2', 'msg-again', { actions: [reply('out-2')], interaction: { record: interaction('int-2') } }));
      expect(again).toBe(false);
      expect(store.executions.get('run-2')).toBeUndefined();
      expect(store.messages.get('msg-again')).toBeUndefined();
      expect(store.interactions.get('int-2')).toBeUndefined();
      expect(store.outbox.get('out-2')).toBeUndefined();
    });
  });

  describe('reading', () => {
    beforeEach(() => {
      for (const n of [1, 2, 3, 4]) store.executions.start(message(n), { id: `run-${n}`, flowId: n === 4 ? 'vip' : 'care', flowVersion: 1 });
      store.executions.commit(completedCommit('run-1', 'msg-1', { interaction: { record: interaction('int-1') } }));
      store.executions.commit({ ...completedCommit('run-2', 'msg-2'), status: 'waiting', steps: steps(2), waitKey: 'out-2' });
      store.executions.commit({ ...completedCommit('run-4', 'msg-4', { interaction: { record: interaction('int-4') } }), steps: steps(4) });
    });

    it('lists runs newest first with their steps, by flow, status, message, interaction and time', () => {
      const all = store.executions.list({});
      expect(all.map((run) => [run.id, run.steps.length])).toEqual([
        ['run-4', 4],
        ['run-3', 0],
        ['run-2', 2],
        ['run-1', 6],
      ]);
      const ids = (filter: Parameters<Store['executions']['list']>[0]) => store.executions.list(filter).map((run) => run.id);
      expect(ids({ flowId: 'care' })).toEqual(['run-3', 'run-2', 'run-1']);
      expect(ids({ flowId: 'care', status: 'completed' })).toEqual(['run-1']);
      expect(ids({ messageId: 'msg-2' })).toEqual(['run-2']);
      expect(ids({ interactionId: 'int-1' })).toEqual(['run-1']);
      expect(ids({ interactionIds: ['int-1', 'int-4', 'int-unknown'] })).toEqual(['run-4', 'run-1']);
      expect(ids({ interactionIds: ['int-1', 'int-4'], flowId: 'vip' })).toEqual(['run-4']);
      expect(ids({ interactionIds: [] })).toEqual([]);
      expect(ids({ since: at(3) })).toEqual(['run-4', 'run-3']);
      expect(ids({ limit: 1 })).toEqual(['run-4']);
    });

    it('finds runs left running by a crash', () => {
      expect(store.executions.interrupted().map((run) => run.id)).toEqual(['run-3']);
    });
  });
});
