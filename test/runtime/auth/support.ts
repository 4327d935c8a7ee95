import { startRuntime, type Runtime } from '../../../runtime/src/server.ts';
import type { Role } from '../../../runtime/src/store/types.ts';
import { FLOWS, OPEN } from '../acd/support.ts';
import { call } from '../routes/api.ts';

export const PASSWORD = 'correct horse battery';

/** The users the tests sign in as: one per role, and two agents. */
export const USERS: ReadonlyArray<{ username: string; roles: Role[]; agentId?: string }> = [
  { username: 'root', roles: ['admin'] },
  { username: 'ana', roles: ['analyst'] },
  { username: 'sue', roles: ['supervisor'] },
  { username: 'alice', roles: ['agent'], agentId: 'alice' },
  { username: 'bob', roles: ['agent'], agentId: 'bob' },
];

export type Tokens = Record<'root' | 'ana' | 'sue' | 'alice' | 'bob', string>;

/** The sample deployment with sign-in on, one user per role signed in, and the clocks pinned (flows open, ACD and tokens hand-moved). */
export async function authRuntime(): Promise<{ runtime: Runtime; clock: { now: number }; tokens: Tokens }> {
  const clock = { now: OPEN };
  const runtime = await startRuntime(
    {
      database: ':memory:',
      seed: FLOWS,
      quiet: true,
      now: () => new Date(OPEN),
      acd: { now: () => clock.now },
      auth: { enabled: true, tokenTtlMs: 60 * 60 * 1000, now: () => clock.now },
    },
    false,
  );
  const tokens = {} as Tokens;
  for (const user of USERS) {
    runtime.auth.createUser({ ...user, password: PASSWORD });
    const login = await call(runtime, 'POST', '/api/auth/login', { username: user.username, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login of ${user.username} failed: ${JSON.stringify(login.json)}`);
    tokens[user.username as keyof Tokens] = login.json.token as string;
  }
  return { runtime, clock, tokens };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** `call` as a signed-in user (or with no token at all). */
export function as(runtime: Runtime, token: string | undefined, method: string, path: string, body?: unknown) {
  return call(runtime, method, path, body, token === undefined ? {} : bearer(token));
}
