import { parentPort } from 'node:worker_threads';
import type { Flow } from '../../../../schemas/flow.ts';
import { newRunState } from '../run-state.ts';
import { FlowRunner } from '../runner.ts';
import { resourcesFrom } from '../services.ts';
import type { ContactService, ResourceReader } from '../types.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * An engine worker: runs flows (XState, the executors) for the runtime's
 * thread, which keeps the store. Resources arrive as copies; contact
 * look-ups, which write, go back to the runtime's thread and are awaited.
 */
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

const runner = new FlowRunner();
const flows = new Map<string, Flow>();
let resources: ResourceReader = resourcesFrom([]);
const reader: ResourceReader = { get: (kind, id) => resources.get(kind, id) };

let nextCall = 0;
const calls = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
function call<T>(method: 'identify' | 'stats', args: unknown[]): Promise<T> {
  const callId = nextCall++;
  post({ type: 'call', callId, method, args });
  return new Promise<T>((resolve, reject) => calls.set(callId, { resolve: resolve as (value: never) => void, reject }));
}
const contacts: ContactService = {
  identify: (message, options) => call('identify', [message, options]),
  stats: (contactId, withinHours, now) => call('stats', [contactId, withinHours, now]),
};

/** A run's contacts: the look-up done ahead answers the block that asks exactly it, once; anything else goes to the runtime. */
function contactsFor(run: Extract<ToWorker, { type: 'run' }>): ContactService {
  let ahead = run.lookup;
  if (!ahead) return contacts;
  const asked = JSON.stringify(ahead.options);
  return {
    identify: (message, options) => {
      if (ahead && message.id === run.context.message.id && JSON.stringify(options) === asked) {
        const { answer } = ahead;
        ahead = undefined;
        return Promise.resolve(answer);
      }
      return contacts.identify(message, options);
    },
    stats: contacts.stats,
  };
}

async function run(message: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const { id: flowId, version } = message.context.flow;
  const key = `${flowId}@${version}`;
  if (message.flow) flows.set(key, message.flow);
  const document = flows.get(key);
  if (!document) return post({ type: 'failed', runId: message.runId, error: `flow ${key} was never sent to this worker` });
  // The run's clock starts at the runtime's time when it handed the run over (its clock may be
  // a test's) and goes on from there in real time, as it does for a run on the runtime's thread.
  const offset = Date.parse(message.at) - Date.now();
  const state = newRunState({ now: () => new Date(Date.now() + offset), dryRun: false, resources: reader, contacts: contactsFor(message), fetch });
  try {
    const outcome = await runner.execute(message.runId, state, runner.machineFor({ flowId, version, document }), message.context);
    post({ type: 'done', runId: message.runId, outcome });
  } catch (error) {
    post({ type: 'failed', runId: message.runId, error: error instanceof Error ? error.message : String(error) });
  }
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'resources':
      resources = resourcesFrom(message.list);
      return;
    case 'answer': {
      const pending = calls.get(message.callId);
      calls.delete(message.callId);
      if (message.error !== undefined) pending?.reject(new Error(message.error));
      else pending?.resolve(message.result as never);
      return;
    }
    case 'run':
      void run(message);
  }
}

port.on('message', handle);
