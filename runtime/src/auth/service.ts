import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../ids.ts';
import type { Role, Store, UserRecord } from '../store/types.ts';
import { LoginLimiter, type LoginLimiterOptions } from './login-limiter.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

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
  /** The first admin's password (SWITCHYARD_ADMIN_PASSWORD); a random one, shown once, when absent. */
  adminPassword?: string;
  /** When set (SWITCHYARD_AGENT_PASSWORD), every agent resource without a user gets one named after it with this password. */
  agentPassword?: string;
  /** Failed sign-ins allowed per username and window (10 per 5 minutes by default). */
  loginLimit?: Omit<LoginLimiterOptions, 'now'>;
}

/** Signing in as this user is refused for now: too many wrong passwords. */
export class TooManyAttempts extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins for this user: try again in ${retryAfterSeconds} s`);
  }
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
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly store: Store,
    options: AuthOptions = { enabled: false },
  ) {
    this.enabled = options.enabled;
    this.ttlMs = options.tokenTtlMs ?? 12 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.limiter = new LoginLimiter({ ...options.loginLimit, now: this.now });
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

  /**
   * A token for the user, or undefined for an unknown username or a wrong
   * password alike. Throws TooManyAttempts past the failures allowed for the
   * username (known or not), without checking the password.
   */
  login(username: string, password: string): { token: string; expiresAt: string; user: AuthUser } | undefined {
    this.checkLimit(username);
    const user = this.store.users.byUsername(username);
    const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      this.limiter.failed(username);
      return undefined;
    }
    this.limiter.succeeded(username);
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

  /**
   * The signed-in user's new password; their other sessions end. False when
   * `current` is wrong (a failure towards the sign-in limit).
   */
  changePassword(user: AuthUser, current: string, next: string, token: string): boolean {
    this.checkLimit(user.username);
    const stored = this.store.users.get(user.id);
    if (!stored || !verifyPassword(current, stored.passwordHash)) {
      this.limiter.failed(user.username);
      return false;
    }
    return this.store.users.setPassword(user.id, hashPassword(next), tokenHash(token));
  }

  /** An admin sets another user's password: every session of theirs ends. False for an unknown user. */
  resetPassword(userId: string, password: string): boolean {
    return this.store.users.setPassword(userId, hashPassword(password));
  }

  private checkLimit(username: string): void {
    const wait = this.limiter.retryAfter(username);
    if (wait !== undefined) throw new TooManyAttempts(wait);
  }

  logout(token: string): boolean {
    return this.store.users.deleteSession(tokenHash(token));
  }

  /**
   * With no user at all, creates `admin` with the given password or a random
   * one, and returns it (a generated one is to be shown once).
   */
  bootstrapAdmin(given?: string): { username: string; password: string; generated: boolean } | undefined {
    if (this.store.users.count() > 0) return undefined;
    const password = given || randomBytes(12).toString('base64url');
    this.createUser({ username: 'admin', password, roles: ['admin'] });
    return { username: 'admin', password, generated: !given };
  }

  /**
   * A user for every agent resource that has none (linked to it, or named
   * after it): username = the agent's id, role agent, the shared password.
   * For demos and first setups; the admin replaces it with real users.
   */
  ensureAgentUsers(password: string): string[] {
    const users = this.store.users.list();
    const created: string[] = [];
    for (const agent of this.store.resources.list('agent')) {
      if (users.some((user) => user.agentId === agent.id || user.username === agent.id)) continue;
      this.createUser({ username: agent.id, password, roles: ['agent'], agentId: agent.id });
      created.push(agent.id);
    }
    return created;
  }
}
