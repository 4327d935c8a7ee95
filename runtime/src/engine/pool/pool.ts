import { Worker } from 'node:worker_threads';
import type { FlowVersionRecord } from '../../store/types.ts';
import type { LookupAhead } from '../lookup-ahead.ts';
import type { RunOutcome } from '../runner.ts';
import type { ContactService, RunContext, StoredMessage } from '../types.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface EnginePoolOptions {
  /** How many worker threads run flows. */
  workers: number;
  /** Contact look-ups, answered on the runtime's thread (they write to the store). */
  contacts: ContactService;
  /** Every resource, sent to the workers at start and after each change. */
  resources: () => ReadonlyArray<{ kind: string; id: string }>;
  /** Resolves once what was written so far is committed (the workers read no store). */
  committed: () => Promise<void>;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

interface Member {
  worker: Worker;
  /** Flow versions this worker has the document of. */
  flows: Set<string>;
  pending: Map<string, { resolve: (outcome: RunOutcome) => void; reject: (error: Error) => void }>;
}

/**
 * Worker threads that run flows (XState and the executors) while the
 * runtime's thread keeps HTTP, the store and the ACD: on a machine with more
 * than one core the two halves of a message's work go in parallel. A worker
 * that fails takes its runs in progress with it (they were not stored, and
 * their callers get an error); the pool then stops, and the engine runs
 * flows on its own thread again.
 */
export class EnginePool {
  private readonly members: Member[] = [];
  private next = 0;
  private stopped = false;

  constructor(private readonly options: EnginePoolOptions) {
    for (let i = 0; i < options.workers; i++) this.members.push(this.start());
    this.sendResources();
  }

  /** Whether runs can go to the workers (false once one failed or the pool closed). */
  get usable(): boolean {
    return !this.stopped;
  }

  /** Contact look-ups the workers asked this thread for (runs whose look-up was not done ahead). */
  lookupsAnswered = 0;

  run(runId: string, flow: FlowVersionRecord, context: RunContext, at: Date, lookup?: LookupAhead): Promise<RunOutcome> {
    const member = this.members[this.next++ % this.members.length];
    const key = `${flow.flowId}@${flow.version}`;
    const message: ToWorker = { type: 'run', runId, context, at: at.toISOString(), lookup };
    if (!member.flows.has(key)) {
      message.flow = flow.document;
      member.flows.add(key);
    }
    return new Promise((resolve, reject) => {
      member.pending.set(runId, { resolve, reject });
      member.worker.postMessage(message);
    });
  }

  /** Call after a resource changed: the workers get the new set once it is committed. */
  resourcesChanged(): void {
    void this.options.committed().then(
      () => this.sendResources(),
      () => this.sendResources(),
    );
  }

  async close(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.members.map((member) => member.worker.terminate()));
  }

  private sendResources(): void {
    if (this.stopped) return;
    const message: ToWorker = { type: 'resources', list: this.options.resources() };
    for (const member of this.members) member.worker.postMessage(message);
  }

  private start(): Member {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url));
    worker.unref();
    const member: Member = { worker, flows: new Set(), pending: new Map() };
    worker.on('message', (message: FromWorker) => this.receive(member, message));
    const fail = (why: string) => {
      if (!this.stopped) this.options.log('an engine worker stopped; flows run on the main thread from now on', { why });
      this.stopped = true;
      for (const { reject } of member.pending.values()) reject(new Error(`the engine worker stopped: ${why}`));
      member.pending.clear();
    };
    worker.on('error', (error) => fail(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return member;
  }

  private receive(member: Member, message: FromWorker): void {
    switch (message.type) {
      case 'call':
        return this.answer(member, message);
      case 'done':
      case 'failed': {
        const pending = member.pending.get(message.runId);
        member.pending.delete(message.runId);
        if (message.type === 'done') pending?.resolve(message.outcome);
        else pending?.reject(new Error(message.error));
      }
    }
  }

  private answer(member: Member, message: Extract<FromWorker, { type: 'call' }>): void {
    const { contacts } = this.options;
    if (message.method === 'identify') this.lookupsAnswered++;
    const reply = (answer: { result?: unknown; error?: string }) =>
      member.worker.postMessage({ type: 'answer', callId: message.callId, ...answer } satisfies ToWorker);
    try {
      const result =
        message.method === 'identify'
          ? contacts.identify(message.args[0] as StoredMessage, message.args[1] as Parameters<ContactService['identify']>[1])
          : contacts.stats(message.args[0] as string, message.args[1] as number, message.args[2] as Date);
      Promise.resolve(result).then(
        (value) => reply({ result: value }),
        (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
      );
    } catch (error) {
      reply({ error: error instanceof Error ? error.message : String(error) });
    }
  }
}
