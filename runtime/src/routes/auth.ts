import type { Context } from 'hono';
import { Hono } from 'hono';
import { loginBodySchema, passwordChangeBodySchema, passwordResetBodySchema, userBodySchema } from '../../../schemas/api.ts';
import { publicUser, TooManyAttempts, type AuthService } from '../auth/service.ts';
import { readJson } from '../http/body.ts';
import type { AppDeps } from '../http/deps.ts';
import { ApiError } from '../http/errors.ts';
import { ConflictError, type Role } from '../store/types.ts';

/** Sign-in (`/api/auth/*`) and the admins' user list (`/api/users`). Who may call what: auth/policy.ts. */
export function authRoutes(deps: AppDeps): { auth: Hono; users: Hono } {
  const service = (): AuthService => {
    if (!deps.auth) throw new ApiError(503, 'sign-in is not configured');
    return deps.auth;
  };
  const auth = new Hono();
  /** Runs a password check; too many failures for the user answer 429 with Retry-After. */
  const limited = <T>(c: Context, check: () => T): T => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error;
      c.header('Retry-After', String(error.retryAfterSeconds));
      throw new ApiError(429, error.message, { retryAfterSeconds: error.retryAfterSeconds });
    }
  };
  auth.post('/login', async (c) => {
    const body = (await readJson(c, loginBodySchema)) as { username: string; password: string };
    const session = limited(c, () => service().login(body.username, body.password));
    if (!session) throw new ApiError(401, 'wrong username or password');
    return c.json(session);
  });
  auth.post('/password', async (c) => {
    const body = (await readJson(c, passwordChangeBodySchema)) as { currentPassword: string; newPassword: string };
    const user = c.get('user');
    const token = c.get('token');
    if (!user || !token) throw new ApiError(401, 'sign in first: an Authorization: Bearer token is required');
    if (body.newPassword === body.currentPassword) throw new ApiError(400, 'the new password is the current one', { pointer: '/newPassword' });
    if (!limited(c, () => service().changePassword(user, body.currentPassword, body.newPassword, token))) {
      throw new ApiError(403, 'the current password is wrong', { pointer: '/currentPassword' });
    }
    return c.json({ changed: true, user });
  });
  auth.get('/me', (c) => {
    const user = c.get('user');
    if (!user) throw new ApiError(401, 'not signed in');
    return c.json({ user });
  });
  auth.post('/logout', (c) => {
    const token = c.get('token');
    if (token) service().logout(token);
    return c.json({ signedOut: true });
  });

  const users = new Hono();
  users.get('/', (c) => c.json({ users: deps.store.users.list().map(publicUser) }));
  users.post('/', async (c) => {
    const body = (await readJson(c, userBodySchema)) as { username: string; password: string; roles: Role[]; agentId?: string };
    if (body.roles.includes('agent') && body.agentId === undefined) throw new ApiError(400, 'an agent needs the agentId they act as', { pointer: '/agentId' });
    if (body.agentId !== undefined && !deps.store.resources.get('agent', body.agentId)) {
      throw new ApiError(400, `agent "${body.agentId}" does not exist`, { pointer: '/agentId' });
    }
    try {
      return c.json({ user: service().createUser(body) }, 201);
    } catch (error) {
      if (error instanceof ConflictError) throw new ApiError(409, error.message, { pointer: '/username' });
      throw error;
    }
  });
  users.post('/:id/password', async (c) => {
    const id = c.req.param('id');
    const body = (await readJson(c, passwordResetBodySchema)) as { password: string };
    if (!service().resetPassword(id, body.password)) throw ApiError.notFound(`user "${id}"`);
    return c.json({ user: publicUser(deps.store.users.get(id)!) });
  });
  users.delete('/:id', (c) => {
    const id = c.req.param('id');
    if (c.get('user')?.id === id) throw new ApiError(409, 'you cannot delete yourself');
    if (!deps.store.users.delete(id)) throw ApiError.notFound(`user "${id}"`);
    return c.json({ deleted: id });
  });
  return { auth, users };
}
