import { sql as initial } from './001-initial.ts';
import { sql as channelChanges } from './002-channel-changes.ts';
import { sql as outboxClaims } from './003-outbox-claims.ts';
import { sql as acd } from './004-acd.ts';
import { sql as agentWork } from './005-agent-work.ts';
import { sql as auth } from './006-auth.ts';
import { sql as acdDeclines } from './007-acd-declines.ts';
import { sql as runStepsInline } from './008-run-steps-inline.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** In order. Never edit an applied migration: add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'channel-changes', sql: channelChanges },
  { version: 3, name: 'outbox-claims', sql: outboxClaims },
  { version: 4, name: 'acd', sql: acd },
  { version: 5, name: 'agent-work', sql: agentWork },
  { version: 6, name: 'auth', sql: auth },
  { version: 7, name: 'acd-declines', sql: acdDeclines },
  { version: 8, name: 'run-steps-inline', sql: runStepsInline },
];
