import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow } from '../../../schemas/flow.ts';
import type { PlatformAction, Step, StoredMessage } from '../../../runtime/src/engine/types.ts';
import { openStore, type InteractionRecord, type RunCommit, type Store } from '../../../runtime/src/store/index.ts';

export const T0 = '2026-03-02T10:00:00.000Z';

/** An ISO time `seconds` after T0. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

/** A temporary folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function flow(overrides: Partial<Flow> = {}): Flow {
  return {
    id: 'care',
    name: 'Customer care',
    trigger: { accounts: ['acme-twitter'] },
    nodes: [
      { id: 'start', type: 'trigger', version: 1, config: {} },
      { id: 'route', type: 'queue', version: 1, config: { queue: 'general' } },
    ],
    edges: [{ from: 'start', port: 'out', to: 'route' }],
    ...overrides,
  };
}

export function message(n: number, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: `msg-${n}`,
    channel: 'twitter',
    visibility: 'public',
    kind: 'mention',
    account: 'acme-twitter',
    author: { id: 'tw-user-1', handle: 'ann' },
    text: `hello ${n}`,
    platformMessageId: `tweet-${n}`,
    receivedAt: at(n),
    ...overrides,
  };
}

export function steps(count: number, from = 1): Step[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    nodeId: `node-${from + i}`,
    blockType: 'keyword-router',
    port: 'matched',
    reason: 'keyword "refund" matched',
    startedAt: T0,
    durationMs: 0.25,
    details: { keyword: 'refund' },
  }));
}

export function reply(id: string, messageId = 'msg-1', retryForSeconds = 600): PlatformAction & { id: string } {
  return {
    id,
    action: 'reply',
    channel: 'twitter',
    account: 'acme-twitter',
    visibility: 'public',
    text: 'We are on it',
    target: { messageId, platformMessageId: 'tweet-1', authorId: 'tw-user-1' },
    retryForSeconds,
  };
}

export function interaction(id: string, overrides: Partial<InteractionRecord> = {}): Omit<InteractionRecord, 'createdAt' | 'updatedAt'> {
  return {
    id,
    conversationId: 'conv-1',
    contactId: 'contact-1',
    channel: 'twitter',
    account: 'acme-twitter',
    visibility: 'public',
    flowId: 'care',
    flowVersion: 1,
    state: 'queued',
    queue: 'general',
    skills: [{ skill: 'english', level: 2 }],
    priority: 5,
    attributes: { topic: 'refund' },
    ...overrides,
  };
}

/** A run that finished and queued its interaction. */
export function completedCommit(executionId: string, messageId: string, overrides: Partial<RunCommit> = {}): RunCommit {
  return {
    executionId,
    messageId,
    status: 'completed',
    steps: steps(6),
    actions: [],
    at: at(1),
    ...overrides,
  };
}

/** An in-memory store holding one finished run (run-1, msg-1, filed under int-1) that queued these replies at at(1), each retried for 60 s. */
export function storeWithQueuedReplies(ids: string[]): Store {
  const store = openStore(':memory:');
  store.executions.start(message(1), { id: 'run-1', flowId: 'care', flowVersion: 1 });
  store.executions.commit(
    completedCommit('run-1', 'msg-1', { actions: ids.map((id) => reply(id, 'msg-1', 60)), interaction: { record: interaction('int-1') } }),
  );
  return store;
}
