import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../ids.ts';
import type { Role, Store, UserRecord } from '../store/types.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

export const ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor', 'agent'];

/** A signed-in user as the routes see them (no password hash). */
export interface AuthUser {
  id: string;
  username: string;
  roles: Role[];
  agentId?: string;
}

export interface AuthOptions {
  enabled: boolean;
  /** How long a token lives; 12 hours by default. */
  tokenTtlMs?: number;
  /** Clock in epoch ms (tests move it). */
  now?: () => number;
}

export const publicUser = (user: UserRecord): AuthUser => ({
  id: user.id,
  username: user.username,
  roles: user.roles,
  ...(user.agentId !== undefined && { agentId: user.agentId }),
});

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Sign-in: checks passwords, issues and verifies bearer tokens (only their sha256 is stored). */
export class AuthService {
  readonly enabled: boolean;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    options: AuthOptions = { enabled: false },
  ) {
    this.enabled = options.enabled;
    this.ttlMs = options.tokenTtlMs ?? 12 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  createUser(input: { username: string; password: string; roles: Role[]; agentId?: string }): AuthUser {
    const user = this.store.users.create({
      id: newId(),
      username: input.username,
      passwordHash: hashPassword(input.password),
      roles: [...new Set(input.roles)],
      ...(input.agentId !== undefined && { agentId: input.agentId }),
      createdAt: new Date(this.now()).toISOString(),
    });
    return publicUser(user);
  }

  /** A token for the user, or undefined for an unknown username or a wrong password alike. */
  login(username: string, password: string): { token: string; expiresAt: string; user: AuthUser } | undefined {
    const user = this.store.users.byUsername(username);
    const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) return undefined;
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = new Date(createdAt + this.ttlMs).toISOString();
    this.store.users.createSession({ tokenHash: tokenHash(token), userId: user.id, createdAt: new Date(createdAt).toISOString(), expiresAt });
    return { token, expiresAt, user: publicUser(user) };
  }

  /** The user a token belongs to, if it is known and not expired. */
  verify(token: string): AuthUser | undefined {
    const session = this.store.users.session(tokenHash(token));
    if (!session || Date.parse(session.expiresAt) <= this.now()) return undefined;
    const user = this.store.users.get(session.userId);
    return user && publicUser(user);
  }

  logout(token: string): boolean {
    return this.store.users.deleteSession(tokenHash(token));
  }

  /** With no user at all, creates `admin` with a random password and returns it (to be shown once). */
  bootstrapAdmin(): { username: string; password: string } | undefined {
    if (this.store.users.count() > 0) return undefined;
    const password = randomBytes(12).toString('base64url');
    this.createUser({ username: 'admin', password, roles: ['admin'] });
    return { username: 'admin', password };
  }
}
