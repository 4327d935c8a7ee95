import { Worker } from 'node:worker_threads';
import { AUTOCHECKPOINT_PAGES, type Db } from './db.ts';

/**
 * While the worker checkpoints, the connection still checkpoints inline past
 * this many pages (256 MB). Under a sustained write load the worker's passive
 * checkpoints never catch the end of the log, so the log is never restarted
 * and would grow without bound (≈ 68 MB a second under the bench); the
 * connection's own checkpoint copies only what the worker has not, and
 * restarts it.
 * That COMMIT waits 5–19 ms for it, however large the log: at 64 MB it came
 * about once a second under the bench and made most of the p99 (10-s runs,
 * three each: p99 17.0–18.4 ms at 64 MB, 15.8–16.9 ms at 256 MB). A quieter
 * load lets the worker catch up and the log restarts long before the bound.
 */
const BOUND_PAGES = 65_536;

/**
 * Checkpoints the WAL from a worker thread instead of inside the COMMIT that
 * happens to cross SQLite's threshold. A checkpoint copies tens of megabytes
 * and syncs the file: done inline it held the event loop for tens of
 * milliseconds several times a second under load. If the worker fails, the
 * connection checkpoints by itself again.
 *
 * Every 25 ms: the connection's own checkpoint past the bound copies and
 * syncs what the worker has not yet, so the less that is, the shorter that
 * pause. At 100 ms it held a COMMIT for 20–57 ms every second or so under the
 * bench (most of the p99); at 25 ms, 5–19 ms.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private readonly closed = new SharedArrayBuffer(4);
  private stopped = false;

  constructor(
    db: Db,
    path: string,
    options: { intervalMs?: number; log?: (message: string) => void } = {},
  ) {
    db.pragma(`wal_autocheckpoint = ${BOUND_PAGES}`);
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { path, intervalMs: options.intervalMs ?? 25, closed: this.closed },
    });
    this.worker.unref();
    const fallBack = (why: string) => {
      if (this.stopped) return;
      this.stopped = true;
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      options.log?.(`background checkpoints stopped (${why}); the database checkpoints inline again`);
    };
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) options.log?.(`background checkpoint failed: ${message.error}`);
    });
    this.worker.on('error', (error) => fallBack(String(error)));
    this.worker.on('exit', (code) => fallBack(`worker exited with ${code}`));
  }

  /**
   * Lets the worker finish its current checkpoint and close its connection,
   * waiting (a few seconds at most) so that the runtime's connection closes
   * last and takes the log file with it.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
    Atomics.wait(new Int32Array(this.closed), 0, 0, 5000);
  }
}

export { BOUND_PAGES };
