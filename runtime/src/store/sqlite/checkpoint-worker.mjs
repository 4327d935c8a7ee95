// Runs in a worker thread beside the runtime (see checkpointer.ts): copies the
// WAL back into the database file on its own connection, so the copying and
// the sync at the end of a checkpoint stay off the event loop that answers
// requests (but for the runtime's own checkpoint past a bound). Plain JavaScript: a worker does not inherit the
// TypeScript loader of the thread that starts it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs, closed } = workerData;
const db = new Database(path);
db.pragma('busy_timeout = 5000');

function checkpoint() {
  try {
    // PASSIVE copies what it can and never waits for the writer (whose own
    // checkpoint past a bound restarts the log; see checkpointer.ts).
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  // The runtime's thread waits on this flag before it closes its own connection last.
  const flag = new Int32Array(closed);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  parentPort.close();
});
