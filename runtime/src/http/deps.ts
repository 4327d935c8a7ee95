import type { AcdService } from '../acd/service.ts';
import type { AuthService } from '../auth/service.ts';
import type { Engine } from '../engine/engine.ts';
import type { OutboxDispatcher } from '../outbox/dispatcher.ts';
import type { Store } from '../store/types.ts';
import type { ResourceIndex } from '../../../schemas/semantic.ts';

/** What the routes work with. */
export interface AppDeps {
  store: Store;
  engine: Engine;
  dispatcher?: OutboxDispatcher;
  /** The ACD; without it the agent routes answer 503. */
  acd?: AcdService;
  /** Sign-in; every /api route checks the caller's role when it is enabled. */
  auth?: AuthService;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** The clock of agents' actions (tests pin it); the system clock when absent. */
  now?: () => Date;
}

/** The store's resources as the validator sees them. */
export function storeIndex(deps: AppDeps): ResourceIndex {
  return { has: (kind, id) => deps.engine.resources.get(kind, id) !== undefined };
}
