export interface LoginLimiterOptions {
  /** Failed attempts allowed per username within the window; 10 by default. */
  maxFailures?: number;
  /** The window, in ms; 5 minutes by default. */
  windowMs?: number;
  /** Clock in epoch ms. */
  now?: () => number;
}

/** Above this many usernames tracked, forgotten windows are swept. */
const SWEEP_AT = 10_000;

/**
 * Failed sign-ins per username in a sliding window: past the limit, the
 * username is refused (429) until its oldest failure leaves the window, so
 * guessing one user's password is slow whoever asks. In memory: one process.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: LoginLimiterOptions = {}) {
    this.max = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the username may try again, or undefined when it may now. */
  retryAfter(username: string): number | undefined {
    const recent = this.recent(username.toLowerCase());
    if (recent.length < this.max) return undefined;
    return Math.max(1, Math.ceil((recent[recent.length - this.max]! + this.windowMs - this.now()) / 1000));
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    if (this.failures.size >= SWEEP_AT && !this.failures.has(key)) this.sweep();
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeeded(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}
