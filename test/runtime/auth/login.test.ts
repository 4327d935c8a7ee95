import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { startRuntime } from '../../../runtime/src/server.ts';
import { verifyPassword } from '../../../runtime/src/auth/password.ts';
import { tokenHash } from '../../../runtime/src/auth/service.ts';
import { setMetaEnv, sign } from '../channels/meta/support.ts';
import { FLOWS } from '../acd/support.ts';
import { call } from '../routes/api.ts';
import { as, authRuntime, PASSWORD } from './support.ts';

describe('sign-in', () => {
  let runtime: Runtime;
  afterEach(() => runtime.close());

  it('gives the same 401 for a wrong password and an unknown user, and a token for the right one', async () => {
    ({ runtime } = await authRuntime());
    const wrong = await call(runtime, 'POST', '/api/auth/login', { username: 'alice', password: 'not it' });
    const unknown = await call(runtime, 'POST', '/api/auth/login', { username: 'mallory', password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect((await call(runtime, 'POST', '/api/auth/login', { username: 'alice' })).status).toBe(400);

    const ok = await call(runtime, 'POST', '/api/auth/login', { username: 'alice', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token: expect.any(String), expiresAt: expect.any(String), user: { username: 'alice', roles: ['agent'], agentId: 'alice' } });
    expect(ok.json.user.passwordHash).toBeUndefined();
    const me = await as(runtime, ok.json.token, 'GET', '/api/auth/me');
    expect(me.json.user).toEqual(ok.json.user);
  });

  it('stores passwords hashed with a per-user salt and tokens only as their sha256', async () => {
    ({ runtime } = await authRuntime());
    const alice = runtime.store.users.byUsername('alice')!;
    const bob = runtime.store.users.byUsername('bob')!;
    expect(alice.passwordHash).not.toContain(PASSWORD);
    expect(alice.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
    expect(alice.passwordHash).not.toBe(bob.passwordHash); // same password, different salts
    expect(verifyPassword(PASSWORD, alice.passwordHash)).toBe(true);
    expect(verifyPassword('wrong', alice.passwordHash)).toBe(false);

    const { token } = (await call(runtime, 'POST', '/api/auth/login', { username: 'alice', password: PASSWORD })).json;
    expect(runtime.store.users.session(token)).toBeUndefined();
    expect(runtime.store.users.session(tokenHash(token))).toMatchObject({ userId: alice.id });
  });

  it('signs out: the token stops working', async () => {
    ({ runtime } = await authRuntime());
    const { token } = (await call(runtime, 'POST', '/api/auth/login', { username: 'ana', password: PASSWORD })).json;
    expect((await as(runtime, token, 'POST', '/api/auth/logout')).status).toBe(200);
    expect((await as(runtime, token, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses an agent user without an agent, and a duplicate username', async () => {
    let tokens;
    ({ runtime, tokens } = await authRuntime());
    expect((await as(runtime, tokens.root, 'POST', '/api/users', { username: 'carol', password: 'long enough', roles: ['agent'] })).status).toBe(400);
    expect((await as(runtime, tokens.root, 'POST', '/api/users', { username: 'carol', password: 'long enough', roles: ['agent'], agentId: 'nobody' })).status).toBe(400);
    expect((await as(runtime, tokens.root, 'POST', '/api/users', { username: 'alice', password: 'long enough', roles: ['analyst'] })).status).toBe(409);
    const users = await as(runtime, tokens.root, 'GET', '/api/users');
    expect(users.json.users).toHaveLength(6); // with the admin created at start
    expect(JSON.stringify(users.json)).not.toContain('scrypt');
  });

  it('creates an admin with a random password when there is no user yet', async () => {
    runtime = await startRuntime({ database: ':memory:', quiet: true, auth: { enabled: true } }, false);
    expect(runtime.store.users.list().map((user) => ({ username: user.username, roles: user.roles }))).toEqual([{ username: 'admin', roles: ['admin'] }]);
  });

  it('leaves everything open when sign-in is off (the default), and creates no user', async () => {
    runtime = await startRuntime({ database: ':memory:', quiet: true }, false);
    expect((await call(runtime, 'GET', '/api/flows')).status).toBe(200);
    expect(runtime.store.users.count()).toBe(0);
  });

  it('keeps webhooks on platform signatures: no token needed, a bad signature still refused', async () => {
    setMetaEnv();
    runtime = await startRuntime({ database: ':memory:', quiet: true, seed: FLOWS, auth: { enabled: true } }, false);
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const signed = await runtime.app.request('/webhooks/whatsapp', { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body });
    expect(signed.status).toBe(200);
    const unsigned = await runtime.app.request('/webhooks/whatsapp', { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'missing or invalid signature' });
    expect((await runtime.app.request('/health')).status).toBe(200);
  });
});
