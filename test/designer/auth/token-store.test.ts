import { describe, expect, it } from 'vitest';
import { createTokenStore, memoryStorage, TOKEN_KEY, USER_KEY, type Session } from '../../../designer/src/auth/token-store.ts';

const admin: Session = {
  token: 'good-token',
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'u1', username: 'admin', roles: ['admin'], agentId: null },
};

describe('token store', () => {
  it('starts without a session and without asking for a sign-in', () => {
    const store = createTokenStore(memoryStorage());
    expect(store.getState()).toEqual({ session: null, signInRequired: false, epoch: 0 });
    expect(store.getToken()).toBeNull();
  });

  it('keeps the token under switchyard:token and the user beside it, and reads them back', () => {
    const storage = memoryStorage();
    const store = createTokenStore(storage);
    store.signedIn(admin);
    expect(storage.getItem(TOKEN_KEY)).toBe('good-token');
    expect(JSON.parse(storage.getItem(USER_KEY) ?? 'null')).toEqual({ user: admin.user, expiresAt: admin.expiresAt });
    expect(store.getToken()).toBe('good-token');

    const reloaded = createTokenStore(storage);
    expect(reloaded.getState().session).toEqual(admin);
    expect(reloaded.getState().signInRequired).toBe(false);
  });

  it('drops a stored token that has expired', () => {
    const storage = memoryStorage();
    createTokenStore(storage).signedIn(admin);
    const later = createTokenStore(storage, () => Date.parse('2031-01-01T00:00:00Z'));
    expect(later.getState().session).toBeNull();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('stops offering a token once it expires while the page is open', () => {
    let now = Date.parse('2029-12-31T23:59:00Z');
    const store = createTokenStore(memoryStorage(), () => now);
    store.signedIn(admin);
    expect(store.getToken()).toBe('good-token');
    now = Date.parse('2030-01-01T00:00:01Z');
    expect(store.getToken()).toBeNull();
  });

  it('keeps a token whose user entry is damaged', () => {
    const storage = memoryStorage();
    storage.setItem(TOKEN_KEY, 'tok');
    storage.setItem(USER_KEY, '{not json');
    expect(createTokenStore(storage).getState().session).toEqual({ token: 'tok', expiresAt: null, user: null });
  });

  it('forgets the token on a 401, asks for a sign-in and tells its listeners', () => {
    const storage = memoryStorage();
    const store = createTokenStore(storage);
    store.signedIn(admin);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.unauthorized();
    expect(store.getState().signInRequired).toBe(true);
    expect(store.getToken()).toBeNull();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(storage.getItem(USER_KEY)).toBeNull();
    expect(calls).toBe(1);
    store.unauthorized(); // a second refused request changes nothing
    expect(calls).toBe(1);
    unsubscribe();
    store.signedIn(admin);
    expect(calls).toBe(1);
  });

  it('keeps the page (same epoch) when the user whose session lapsed signs back in, starts afresh otherwise', () => {
    const store = createTokenStore(memoryStorage());
    store.unauthorized(); // first visit, no token
    store.signedIn(admin);
    expect(store.getState()).toMatchObject({ signInRequired: false, epoch: 1 });

    store.unauthorized(); // the session lapses
    store.signedIn(admin);
    expect(store.getState().epoch).toBe(1);

    store.unauthorized();
    store.signedIn({ ...admin, user: { id: 'u2', username: 'alice', roles: [], agentId: 'a1' } });
    expect(store.getState().epoch).toBe(2);

    store.signedOut();
    expect(store.getState()).toMatchObject({ session: null, signInRequired: true });
    store.signedIn({ ...admin, user: { id: 'u2', username: 'alice', roles: [], agentId: 'a1' } });
    expect(store.getState().epoch).toBe(3);
  });
});
