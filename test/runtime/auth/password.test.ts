import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../runtime/src/server.ts';
import { call } from '../routes/api.ts';
import { as, authRuntime, PASSWORD, type Tokens } from './support.ts';

describe('sign-in limits and password changes (sign-in on)', () => {
  let runtime: Runtime;
  let clock: { now: number };
  let tokens: Tokens;
  beforeEach(async () => {
    ({ runtime, clock, tokens } = await authRuntime());
  });
  afterEach(() => runtime.close());

  const login = (username: string, password: string) => call(runtime, 'POST', '/api/auth/login', { username, password });

  it('answers 429 with Retry-After after 10 failed sign-ins for a user in 5 minutes, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 10; i++) expect((await login('alice', `wrong ${i}`)).status).toBe(401);
    const limited = await login('alice', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatch(/too many failed sign-ins/);
    const raw = await runtime.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: PASSWORD }),
    });
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(raw.headers.get('retry-after'))).toBeLessThanOrEqual(300);
    // Another user is not affected, and neither are alice's tokens.
    expect((await login('bob', PASSWORD)).status).toBe(200);
    expect((await as(runtime, tokens.alice, 'GET', '/api/auth/me')).status).toBe(200);

    clock.now += 5 * 60 * 1000 + 1000;
    expect((await login('alice', PASSWORD)).status).toBe(200);
  });

  it('counts unknown usernames too, and forgets the failures after a successful sign-in', async () => {
    for (let i = 0; i < 10; i++) await login('nobody', 'guess');
    expect((await login('nobody', 'guess')).status).toBe(429);

    for (let i = 0; i < 9; i++) await login('bob', 'wrong');
    expect((await login('bob', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('bob', 'wrong')).status).toBe(401);
    expect((await login('bob', PASSWORD)).status).toBe(200);
  });

  it('changes the signed-in user\'s password: the old one stops working, other sessions end, this one goes on', async () => {
    const other = (await login('alice', PASSWORD)).json.token as string;
    const changed = await as(runtime, tokens.alice, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' });
    expect(changed.status).toBe(200);
    expect(changed.json.user).toMatchObject({ username: 'alice' });
    expect((await login('alice', PASSWORD)).status).toBe(401);
    expect((await login('alice', 'a brand new password')).status).toBe(200);
    expect((await as(runtime, other, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await as(runtime, tokens.alice, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('refuses a bad change with a 4xx naming the field, and keeps the password', async () => {
    const change = (body: unknown) => as(runtime, tokens.bob, 'POST', '/api/auth/password', body);
    expect((await as(runtime, undefined, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another one' })).status).toBe(401);
    const wrong = await change({ currentPassword: 'not it', newPassword: 'another one' });
    expect(wrong.status).toBe(403);
    expect(wrong.json.pointer).toBe('/currentPassword');
    const short = await change({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.pointer).toBe('/newPassword');
    const same = await change({ currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect(same.json.pointer).toBe('/newPassword');
    expect((await change({ newPassword: 'another one' })).json.pointer).toBe('/currentPassword');
    expect((await login('bob', PASSWORD)).status).toBe(200);
  });

  it("lets an admin reset another user's password (their sessions end); nobody else may", async () => {
    const bob = runtime.store.users.byUsername('bob')!;
    const reset = (token: string, body: unknown, id = bob.id) => as(runtime, token, 'POST', `/api/users/${id}/password`, body);
    expect((await reset(tokens.sue, { password: 'reset by sue' })).status).toBe(403);
    expect((await reset(tokens.bob, { password: 'reset by bob' })).status).toBe(403);
    const short = await reset(tokens.root, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.pointer).toBe('/password');
    expect((await reset(tokens.root, { password: 'reset by root' }, 'no-such-user')).status).toBe(404);
    expect((await login('bob', PASSWORD)).status).toBe(200);

    const done = await reset(tokens.root, { password: 'reset by root' });
    expect(done.status).toBe(200);
    expect(done.json.user).toMatchObject({ username: 'bob', agentId: 'bob' });
    expect((await as(runtime, tokens.bob, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login('bob', PASSWORD)).status).toBe(401);
    expect((await login('bob', 'reset by root')).status).toBe(200);
  });
});
