import type { Channel } from '../../../schemas/message.ts';
import type { ClaimedOutboxItem, OutboxRecord, Store } from '../store/types.ts';

export type SendResult =
  | { ok: true; platformResultId?: string }
  /** `permanent`: retrying cannot help (a 4xx the platform will repeat), so the item goes dead at once. */
  | { ok: false; error: string; retryAfterSeconds?: number; permanent?: boolean };

/** Turns a channel-neutral outbox item into a platform API call. One per channel; the adapters live in channels/. */
export interface ActionSender {
  send(item: OutboxRecord, signal: AbortSignal): Promise<SendResult>;
}

export type SenderRegistry = Partial<Record<Channel, ActionSender>>;

export interface DispatcherOptions {
  store: Store;
  senders: SenderRegistry;
  now?: () => Date;
  /** Told when an item is finally sent or given up on, so a waiting run can go on. */
  onSettled?: (item: OutboxRecord, outcome: 'success' | 'failure', reason: string) => Promise<unknown>;
  backoff?: { baseMs: number; maxMs: number };
  /** How long one attempt may take; past it the attempt counts as a retryable failure. */
  timeoutMs?: number;
  /**
   * How long a claimed item stays out of other drains' reach. Longer than
   * timeoutMs, so it only ends on its own when the claimant died mid-send.
   */
  leaseSeconds?: number;
  batchSize?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Sends what runs put in the outbox, retrying failures with exponential
 * backoff (or the platform's Retry-After) until the item's deadline, then
 * marking it dead (and flagging its interaction for the agent). Each attempt
 * works on a claimed item, so overlapping drains, or several dispatchers on
 * one database, never send an item twice. The timer follows the earliest due
 * item, so a restart picks up exactly where the last process stopped.
 */
export class OutboxDispatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly now: () => Date;

  constructor(private readonly options: DispatcherOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Look at the outbox now (new items were committed). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    const log = this.options.log ?? console.error;
    this.running = this.drain()
      .catch((error: unknown) => log('draining the outbox failed', { error: String(error) }))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Resolves once nothing is due right now (tests and the CLI wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const next = this.options.store.outbox.nextDueAt();
    if (!next) return;
    const delay = Math.max(0, Math.min(new Date(next).getTime() - this.now().getTime(), 2_147_000_000));
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    const { store, batchSize = 50, timeoutMs = 10_000 } = this.options;
    const leaseSeconds = this.options.leaseSeconds ?? Math.ceil(timeoutMs / 1000) + 30;
    for (;;) {
      if (this.stopped) return;
      const claimed = store.outbox.claimDue(this.now().toISOString(), batchSize, leaseSeconds);
      if (claimed.length === 0) return;
      // Nothing leaves before its claim is committed: another process must see it first.
      await store.durable();
      await Promise.all(claimed.map((item) => this.attempt(item)));
    }
  }

  private async attempt(item: ClaimedOutboxItem): Promise<void> {
    const { store } = this.options;
    const result = await this.send(item);
    const at = this.now();
    if (result.ok) {
      store.outbox.markSent(item.id, at.toISOString(), result.platformResultId);
      const attempts = item.attempts + 1;
      await this.settle(item, 'success', attempts === 1 ? `${item.action} sent` : `${item.action} sent on attempt ${attempts}`);
      return;
    }
    const next = result.permanent ? undefined : new Date(at.getTime() + this.delayMs(item.attempts + 1, result.retryAfterSeconds));
    const retryAt = next && next.toISOString() <= item.deadlineAt ? next.toISOString() : undefined;
    const updated = store.outbox.markFailed(item.id, at.toISOString(), result.error, retryAt, item.claim);
    // Undefined: our lease ran out and another attempt owns the item now; it reports.
    if (updated?.status !== 'dead') return;
    const reason = `${item.action} failed after ${updated.attempts} attempt(s)${result.permanent ? ' (not retryable)' : ''}: ${result.error}`;
    await this.settle(updated, 'failure', reason);
    this.flag(updated, at, reason);
  }

  /**
   * One attempt, bounded by timeoutMs even when the sender ignores its signal:
   * a platform that never answers is a retryable failure, not a stuck drain.
   */
  private async send(item: OutboxRecord): Promise<SendResult> {
    const { senders, timeoutMs = 10_000 } = this.options;
    const sender = senders[item.channel];
    if (!sender) return { ok: false, error: `no adapter sends ${item.channel} actions in this deployment` };
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = { ok: false, error: `no answer within ${timeoutMs} ms` } as const;
    const expired = new Promise<SendResult>((resolve) => signal.addEventListener('abort', () => resolve(timedOut), { once: true }));
    try {
      return await Promise.race([sender.send(item, signal), expired]);
    } catch (error) {
      if (signal.aborted) return timedOut;
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Tells the agent an action failed for good. A run that waited on the item
   * only got its interaction when it resumed, so look there too.
   */
  private flag(item: OutboxRecord, at: Date, note: string): void {
    const { store } = this.options;
    const log = this.options.log ?? console.error;
    try {
      const interactionId = item.interactionId ?? (item.executionId ? store.executions.get(item.executionId)?.interactionId : undefined);
      if (!interactionId) {
        log('a failed action has no interaction to flag', { outboxId: item.id, note });
        return;
      }
      store.interactions.addFlag(interactionId, { kind: 'action-failed', at: at.toISOString(), note });
    } catch (error) {
      log('flagging the interaction of a failed action failed', { outboxId: item.id, error: String(error) });
    }
  }

  private delayMs(attempt: number, retryAfterSeconds?: number): number {
    if (retryAfterSeconds !== undefined) return retryAfterSeconds * 1000;
    const { baseMs, maxMs } = this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
    const exponential = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  private async settle(item: OutboxRecord, outcome: 'success' | 'failure', reason: string): Promise<void> {
    try {
      await this.options.onSettled?.(item, outcome, reason);
    } catch (error) {
      (this.options.log ?? console.error)('resuming a run after its action settled failed', { outboxId: item.id, error: String(error) });
    }
  }
}
