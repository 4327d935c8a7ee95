import type { Channel } from '../../../schemas/message.ts';
import type { OutboxRecord, Store } from '../store/types.ts';

export type SendResult =
  | { ok: true; platformResultId?: string }
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
  timeoutMs?: number;
  batchSize?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Sends what runs put in the outbox, retrying failures with exponential
 * backoff (or the platform's Retry-After) until the item's deadline, then
 * marking it dead. The timer follows the earliest due item, so a restart
 * picks up exactly where the last process stopped.
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
    this.running = this.drain().finally(() => {
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
    const { store, batchSize = 50 } = this.options;
    for (;;) {
      const due = store.outbox.due(this.now().toISOString(), batchSize);
      if (due.length === 0 || this.stopped) return;
      await Promise.all(due.map((item) => this.attempt(item)));
    }
  }

  private async attempt(item: OutboxRecord): Promise<void> {
    const { store, senders, timeoutMs = 10_000 } = this.options;
    const sender = senders[item.channel];
    let result: SendResult;
    if (!sender) result = { ok: false, error: `no adapter sends ${item.channel} actions in this deployment` };
    else {
      try {
        result = await sender.send(item, AbortSignal.timeout(timeoutMs));
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    const at = this.now();
    if (result.ok) {
      store.outbox.markSent(item.id, at.toISOString(), result.platformResultId);
      const attempts = item.attempts + 1;
      await this.settle(item, 'success', attempts === 1 ? `${item.action} sent` : `${item.action} sent on attempt ${attempts}`);
      return;
    }
    const next = result.permanent ? undefined : new Date(at.getTime() + this.delayMs(item.attempts + 1, result.retryAfterSeconds));
    const updated = store.outbox.markFailed(item.id, at.toISOString(), result.error, next && next.toISOString() <= item.deadlineAt ? next.toISOString() : undefined);
    if (updated.status === 'dead') {
      await this.settle(updated, 'failure', `${item.action} failed after ${updated.attempts} attempt(s): ${result.error}`);
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
