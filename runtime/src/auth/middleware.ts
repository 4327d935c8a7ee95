import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../http/errors.ts';
import type { Role } from '../store/types.ts';
import { accessFor, PUBLIC, SIGNED_IN } from './policy.ts';
import type { AuthService, AuthUser } from './service.ts';

declare module 'hono' {
  interface ContextVariableMap {
    user?: AuthUser;
    token?: string;
  }
}

/** The bearer token of a request; the event streams may pass it as `?access_token=` (EventSource sends no headers). */
function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (match) return match[1];
  if (c.req.method === 'GET' && /^\/api\/(agents\/[^/]+|acd)\/events$/.test(c.req.path)) return c.req.query('access_token') || undefined;
  return undefined;
}

/** Resolves the token's user (401 when missing, unknown or expired) and stores it on the context. */
export function authenticate(auth: AuthService): MiddlewareHandler {
  return async (c, next) => {
    const token = tokenOf(c);
    if (!token) throw new ApiError(401, 'sign in first: an Authorization: Bearer token is required');
    const user = auth.verify(token);
    if (!user) throw new ApiError(401, 'the token is unknown or expired: sign in again');
    c.set('user', user);
    c.set('token', token);
    await next();
  };
}

/** 403 unless the signed-in user has one of `roles` (run after `authenticate`). */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new ApiError(401, 'sign in first: an Authorization: Bearer token is required');
    if (!user.roles.some((role) => roles.includes(role))) {
      throw new ApiError(403, `${c.req.method} ${c.req.path} needs one of the roles ${roles.join(', ')}`);
    }
    await next();
  };
}

/** Every /api request: the role the route map (policy.ts) asks for. */
export function authorize(auth: AuthService): MiddlewareHandler {
  const signIn = authenticate(auth);
  return async (c, next) => {
    const access = accessFor(c.req.method, c.req.path);
    if (access === PUBLIC) return next();
    if (access === SIGNED_IN) return signIn(c, next);
    const check = requireRole(...access);
    return signIn(c, async () => {
      await check(c, next);
    });
  };
}

/** Whether the signed-in user works as an agent only (no supervisor or admin role): their own work, nothing else. */
export function agentOnly(c: Context): AuthUser | undefined {
  const user = c.get('user');
  if (!user || user.roles.includes('admin') || user.roles.includes('supervisor')) return undefined;
  return user.roles.includes('agent') ? user : undefined;
}

/**
 * The agent a request acts as. Without auth (or for supervisors and admins)
 * it is the one the body names; an agent always acts as their own agent
 * (naming another is a 403). `enforced` says the ownership must be checked.
 */
export function actingAgent(c: Context, claimed?: unknown): { agentId?: string; enforced: boolean } {
  const user = agentOnly(c);
  if (!user) return { ...(typeof claimed === 'string' && { agentId: claimed }), enforced: false };
  if (!user.agentId) throw new ApiError(403, `user "${user.username}" is not linked to an agent`);
  if (claimed !== undefined && claimed !== user.agentId) throw new ApiError(403, 'an agent can act only as themselves', { pointer: '/agentId' });
  return { agentId: user.agentId, enforced: true };
}

/** 403 when an agent-only user addresses another agent's routes (`/agents/:id/...`). */
export function ownAgent(c: Context, agentId: string): void {
  const user = agentOnly(c);
  if (user && user.agentId !== agentId) throw new ApiError(403, `agent "${agentId}" is not you`);
}

/**
 * The agent whose interactions a read is limited to: set for a user who is an
 * agent and nothing that sees all work (admin, supervisor, analyst).
 */
export function readsOwnOnly(c: Context): string | undefined {
  const user = c.get('user');
  if (!user || !user.roles.includes('agent') || user.roles.some((role) => role !== 'agent')) return undefined;
  if (!user.agentId) throw new ApiError(403, `user "${user.username}" is not linked to an agent`);
  return user.agentId;
}
