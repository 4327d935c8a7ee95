import type { Flow } from '../../../../schemas/flow.ts';
import type { RunOutcome } from '../runner.ts';
import type { LookupAhead } from '../lookup-ahead.ts';
import type { RunContext } from '../types.ts';

/** What the runtime's thread sends an engine worker. */
export type ToWorker =
  /** Every resource, again after each change: the worker reads only these. */
  | { type: 'resources'; list: ReadonlyArray<{ kind: string; id: string }> }
  /** Run a flow version on a message; the document comes along the first time a worker meets the version. */
  | {
      type: 'run';
      runId: string;
      flow?: Flow;
      context: RunContext;
      /** The runtime's clock at the hand-over: the run's clock starts there. */
      at: string;
      /** The run's contact look-up, already done (see lookup-ahead.ts). */
      lookup?: LookupAhead;
    }
  /** The answer to a contact look-up the worker asked for. */
  | { type: 'answer'; callId: number; result?: unknown; error?: string };

/** What an engine worker sends back. */
export type FromWorker =
  | { type: 'call'; callId: number; method: 'identify' | 'stats'; args: unknown[] }
  | { type: 'done'; runId: string; outcome: RunOutcome }
  | { type: 'failed'; runId: string; error: string };
