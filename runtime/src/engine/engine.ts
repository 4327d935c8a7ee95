import { portsOf } from '../../../schemas/block.ts';
import { blockDefinition } from '../../../schemas/blocks/index.ts';
import type { Flow } from '../../../schemas/flow.ts';
import type { InboundMessage } from '../../../schemas/message.ts';
import { newId } from '../ids.ts';
import { createdInteraction, type ContactRepo, type FlowVersionRecord, type InteractionRecord, type RunCommit, type Store } from '../store/types.ts';
import { activeNode, type MachineContext, type ResumeEvent } from './compile.ts';
import { newRunState, type RunState } from './run-state.ts';
import { EnginePool } from './pool/pool.ts';
import { FlowRunner, type RunOutcome, type RunStatus } from './runner.ts';
import { nextTurn } from './turns.ts';
import { interactionFor } from './interaction.ts';
import { lookupAhead } from './lookup-ahead.ts';
import { CachedResources, dryContacts, liveContacts } from './services.ts';
import type { ContactService, ResourceReader, RunContext, RunServices, Step, StoredMessage } from './types.ts';

export interface EngineOptions {
  store: Store;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Called after a commit put actions in the outbox, so the dispatcher sends them now. */
  onActionsQueued?: () => void;
  /** Called after a commit created an interaction routed to a queue (the ACD takes it from there). */
  onInteractionQueued?: (interaction: InteractionRecord) => void;
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Worker threads that run the flows of `receive()` beside the thread that keeps the store (0: none). */
  workers?: number;
}

export type { RunOutcome, RunStatus } from './runner.ts';

export interface ReceiveOutcome {
  status: RunStatus | 'duplicate' | 'no-flow' | 'accepted';
  messageId?: string;
  executionId?: string;
  interactionId?: string;
  flow?: { id: string; version: number };
  steps: Step[];
  error?: string;
}

/** A stored inbound message: what happened to it, and the run still to do, if any. */
export interface Accepted {
  outcome: ReceiveOutcome;
  run?: { executionId: string; flow: FlowVersionRecord; message: StoredMessage };
}

/**
 * Runs published flows on inbound messages. Each flow version compiles once
 * into a machine; each message gets its own actor; everything a run does is
 * committed in one transaction when it ends or pauses.
 */
export class Engine {
  readonly resources: CachedResources;
  private readonly runner = new FlowRunner();
  private readonly pool?: EnginePool;
  private byAccount = new Map<string, FlowVersionRecord>();
  private readonly now: () => Date;
  /** Contact look-ups of live runs (on this thread, or answering the workers). */
  private readonly contacts: ContactService;
  private triggerServices?: RunServices;

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? (() => new Date());
    this.resources = new CachedResources(options.store.resources);
    this.contacts = liveContacts(options.store.contacts, this.now);
    if (options.workers) {
      const pool = new EnginePool({
        workers: options.workers,
        contacts: this.contacts,
        resources: () => options.store.resources.list(),
        committed: () => options.store.durable(),
        log: (message, fields) => this.log(message, fields),
      });
      this.resources.onInvalidate(() => pool.resourcesChanged());
      this.pool = pool;
    }
    this.reloadFlows();
  }

  /** Stops the engine's workers, if it has any. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Re-reads which published version each account runs; call after publishing. */
  reloadFlows(): void {
    const byAccount = new Map<string, FlowVersionRecord>();
    for (const version of this.options.store.flows.active()) {
      for (const account of version.document.trigger.accounts) byAccount.set(account, version);
    }
    this.byAccount = byAccount;
  }

  flowForAccount(account: string): FlowVersionRecord | undefined {
    return this.byAccount.get(account);
  }

  /**
   * Runs the published flow of its account on an inbound message, then stores
   * the message and everything the run did in one go; resolves once all of it
   * is durable. Nothing is stored before the answer could be given, so a crash
   * mid-run leaves nothing behind and the caller's retry runs it again.
   */
  async receive(inbound: InboundMessage): Promise<ReceiveOutcome> {
    const message = this.stamp(inbound);
    const flow = this.byAccount.get(message.account);
    let outcome: ReceiveOutcome;
    if (!flow) outcome = this.store(message).outcome;
    else if (this.options.store.messages.has(message)) outcome = { status: 'duplicate', steps: [] };
    else {
      // Runs on this thread start together at the end of the turn (turns.ts); a worker takes
      // each message as it comes (waiting for the turn only added to the latency: p99 ≈ 23 → ≈ 21 ms).
      if (!this.pool?.usable) await nextTurn();
      const executionId = newId();
      outcome = this.commit(executionId, flow, message, await this.runFlow(executionId, flow, message), 'insert');
    }
    // Acknowledged only once committed: nothing answered 2xx is lost in a crash.
    await this.options.store.durable();
    return outcome;
  }

  /**
   * For webhooks: stores the message (and its run, as `running`) durably and
   * returns without running the flow, so the platform gets its 2xx at once.
   * Call `run()` with the result afterwards; a crash in between is recovered at start.
   */
  async accept(inbound: InboundMessage): Promise<Accepted> {
    const accepted = this.store(this.stamp(inbound));
    await this.options.store.durable();
    return accepted;
  }

  /** Runs what `accept()` stored. */
  async run(accepted: Accepted): Promise<ReceiveOutcome> {
    if (!accepted.run) return accepted.outcome;
    const outcome = await this.runLive(accepted.run.executionId, accepted.run.flow, accepted.run.message);
    await this.options.store.durable();
    return outcome;
  }

  private stamp(inbound: InboundMessage): StoredMessage {
    // Object.assign, not `{ ...inbound, id }`: see applyPatch.
    return Object.assign({}, inbound, { id: newId(), receivedAt: inbound.receivedAt ?? this.now().toISOString() });
  }

  private store(message: StoredMessage): Accepted {
    const flow = this.byAccount.get(message.account);
    const executionId = newId();
    const started = this.options.store.executions.start(message, flow && { id: executionId, flowId: flow.flowId, flowVersion: flow.version });
    if (!started) return { outcome: { status: 'duplicate', steps: [] } };
    if (!flow) return { outcome: { status: 'no-flow', messageId: message.id, steps: [] } };
    return {
      outcome: { status: 'accepted', messageId: message.id, executionId, flow: { id: flow.flowId, version: flow.version }, steps: [] },
      run: { executionId, flow, message },
    };
  }

  /** Runs `flow` on a message with no side effects: nothing stored, nothing sent. */
  async simulate(
    flow: Flow,
    inbound: InboundMessage,
    options: { at?: Date; resources?: ResourceReader; contacts?: ContactRepo; version?: number } = {},
  ): Promise<RunOutcome> {
    const at = options.at ?? this.now();
    const clock = () => at;
    const message: StoredMessage = { ...inbound, id: 'simulated-message', receivedAt: inbound.receivedAt ?? at.toISOString() };
    const runId = `simulation-${newId()}`;
    const state = newRunState({
      fetch: this.options.fetch ?? fetch,
      now: clock,
      dryRun: true,
      resources: options.resources ?? this.resources,
      contacts: dryContacts(options.contacts ?? this.options.store.contacts, clock),
    });
    return this.runner.execute(runId, state, this.runner.compile(flow), startContext({ id: flow.id, version: options.version ?? 0 }, message));
  }

  /** Continues a run paused on `waitKey` (an outbox item): success leaves by the block's first port, failure by `failed`. */
  async resume(waitKey: string, outcome: 'success' | 'failure', reason: string): Promise<ReceiveOutcome | undefined> {
    const { store } = this.options;
    const execution = store.executions.findWaiting(waitKey);
    if (!execution) return undefined;
    const version = store.flows.version(execution.flowId, execution.flowVersion);
    const snapshot = store.executions.snapshot(execution.id) as { value: unknown; context: MachineContext } | undefined;
    const waitingAt = activeNode(snapshot?.value);
    const node = version?.document.nodes.find((candidate) => candidate.id === waitingAt?.nodeId);
    const definition = node && blockDefinition(node.type);
    if (!version || !snapshot || !node || !definition) {
      this.log('cannot resume run: its flow version or snapshot is gone', { executionId: execution.id, waitKey });
      return undefined;
    }
    const port = outcome === 'success' ? portsOf(definition, node.config)[0]?.id : 'failed';
    const state = this.liveRunState();
    state.seq = execution.steps.length;
    state.steps.push({ seq: state.seq++, nodeId: node.id, blockType: node.type, port, reason, startedAt: new Date().toISOString(), durationMs: 0 });
    const resume: ResumeEvent = { type: 'resume', port, reason };
    const outcomeOfRun = await this.runner.execute(execution.id, state, this.runner.machineFor(version), snapshot.context.run, { snapshot, resume });
    return this.commit(execution.id, version, snapshot.context.run.message, outcomeOfRun);
  }

  /**
   * After a restart: runs that were cut off mid-way start again (nothing of
   * theirs was committed), and runs whose awaited action settled meanwhile resume.
   */
  async recover(): Promise<number> {
    const { store } = this.options;
    let recovered = 0;
    for (const execution of store.executions.interrupted()) {
      const version = store.flows.version(execution.flowId, execution.flowVersion);
      const message = store.messages.get(execution.messageId)?.message;
      if (!version || !message) continue;
      await this.runLive(execution.id, version, message);
      recovered++;
    }
    for (const execution of store.executions.list({ status: 'waiting', limit: 10_000 })) {
      const item = execution.waitKey?.startsWith('outbox:') ? store.outbox.get(execution.waitKey.slice('outbox:'.length)) : undefined;
      if (item?.status === 'sent') await this.resume(execution.waitKey!, 'success', 'sent before the restart');
      else if (item?.status === 'dead') await this.resume(execution.waitKey!, 'failure', `gave up before the restart: ${item.lastError ?? 'unknown error'}`);
      else continue;
      recovered++;
    }
    return recovered;
  }

  private async runLive(executionId: string, flow: FlowVersionRecord, message: StoredMessage): Promise<ReceiveOutcome> {
    return this.commit(executionId, flow, message, await this.runFlow(executionId, flow, message));
  }

  /** A new run of a published version: in a worker thread when there is one, else here. */
  private async runFlow(executionId: string, flow: FlowVersionRecord, message: StoredMessage): Promise<RunOutcome> {
    const context = startContext({ id: flow.flowId, version: flow.version }, message);
    const here = () => this.runner.execute(executionId, this.liveRunState(), this.runner.machineFor(flow), context);
    if (!this.pool?.usable) return here();
    const at = this.now();
    // The trigger that decides whether the look-up can go ahead reads no services: any will do.
    const lookup = await lookupAhead(flow.document, context, this.contacts, (this.triggerServices ??= this.liveRunState().services));
    // The worker may have stopped meanwhile; a run here does its look-up again (it finds what this one made).
    if (!this.pool.usable) return here();
    return this.pool.run(executionId, flow, context, at, lookup);
  }

  /**
   * Writes what a run did: `update` for a run stored when it started (webhooks,
   * resumed runs), `insert` for one whose message is stored only now, which
   * turns out a duplicate if the same platform message got in meanwhile.
   */
  private commit(
    executionId: string,
    flow: FlowVersionRecord,
    message: StoredMessage,
    outcome: RunOutcome,
    write: 'update' | 'insert' = 'update',
  ): ReceiveOutcome {
    const { store } = this.options;
    // Bookkeeping (outbox schedule, deadlines, the last-agent window) runs on real time; only flows see `now`.
    const at = new Date();
    const finished = outcome.status !== 'waiting';
    const record: RunCommit = {
      executionId,
      messageId: message.id,
      messageAt: message.receivedAt,
      status: outcome.status === 'unmatched' ? 'completed' : outcome.status,
      steps: outcome.steps,
      actions: outcome.actions,
      error: outcome.error,
      at: at.toISOString(),
      ...(outcome.status === 'waiting' && { snapshot: outcome.snapshot, waitKey: outcome.waitKey }),
    };
    if (finished) record.interaction = interactionFor(this.options.store.interactions, flow, message, outcome, at);
    if (write === 'update') store.executions.commit(record);
    else if (!store.executions.record(message, { id: executionId, flowId: flow.flowId, flowVersion: flow.version }, record)) {
      return { status: 'duplicate', steps: [] };
    }
    if (outcome.actions.length > 0) this.options.onActionsQueued?.();
    const created = createdInteraction(record);
    if (created?.state === 'queued' && created.queue !== undefined) this.options.onInteractionQueued?.(created);
    return {
      status: outcome.status,
      messageId: message.id,
      executionId,
      interactionId: record.interaction?.joinId ?? record.interaction?.record.id,
      flow: { id: flow.flowId, version: flow.version },
      steps: outcome.steps,
      error: outcome.error,
    };
  }

  private liveRunState(): RunState {
    return newRunState({
      now: this.now,
      dryRun: false,
      resources: this.resources,
      contacts: this.contacts,
      fetch: this.options.fetch ?? fetch,
    });
  }

  private log(message: string, fields?: Record<string, unknown>): void {
    (this.options.log ?? ((text, extra) => console.error(text, extra ?? '')))(message, fields);
  }
}


/** What a run starts from: its flow, the message, default routing and no data yet. */
function startContext(flow: RunContext['flow'], message: StoredMessage): RunContext {
  return { flow, message, routing: { priority: 50, skills: [] }, vars: {} };
}
