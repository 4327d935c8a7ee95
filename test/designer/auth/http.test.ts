import { afterEach, describe, expect, it, vi } from 'vitest';
import { signIn, signOut, SignInError, WRONG_CREDENTIALS } from '../../../designer/src/auth/auth-api.ts';
import { authFetch, eventSourceUrl, isLoginPath, withAuthorization } from '../../../designer/src/auth/http.ts';
import { createTokenStore, memoryStorage, type Session, type TokenStore } from '../../../designer/src/auth/token-store.ts';

const session: Session = { token: 'good-token', expiresAt: null, user: { id: 'u1', username: 'admin', roles: ['admin'], agentId: null } };

function signedInStore(): TokenStore {
  const store = createTokenStore(memoryStorage());
  store.signedIn(session);
  return store;
}

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Replaces `fetch`, answering `status`, and records what was asked. */
function mockFetch(answer: (url: string) => Response) {
  const calls: { url: string; headers: Headers; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, headers: new Headers(init.headers), body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
      return answer(url);
    }),
  );
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('authorization header', () => {
  it('is added when there is a token', () => {
    expect(withAuthorization(new Headers(), signedInStore()).get('authorization')).toBe('Bearer good-token');
  });

  it('is left out when there is none, so a server without auth sees the requests as before', () => {
    expect(withAuthorization(new Headers(), createTokenStore(memoryStorage())).has('authorization')).toBe(false);
  });

  it('does not override one the caller set', () => {
    const headers = new Headers({ authorization: 'Bearer other' });
    expect(withAuthorization(headers, signedInStore()).get('authorization')).toBe('Bearer other');
  });

  it('recognises the sign-in call, with or without a query', () => {
    expect(isLoginPath('/api/auth/login')).toBe(true);
    expect(isLoginPath('/api/auth/login?x=1')).toBe(true);
    expect(isLoginPath('/api/auth/me')).toBe(false);
    expect(isLoginPath('/api/flows')).toBe(false);
  });
});

describe('authFetch', () => {
  it('sends the token and keeps the caller headers', async () => {
    const calls = mockFetch(() => jsonResponse(200, { flows: [] }));
    const store = signedInStore();
    const response = await authFetch('/api/flows', { headers: { accept: 'application/json' } }, store);
    expect(response.status).toBe(200);
    expect(calls[0].headers.get('authorization')).toBe('Bearer good-token');
    expect(calls[0].headers.get('accept')).toBe('application/json');
    expect(store.getState().signInRequired).toBe(false);
  });

  it('on a 401 forgets the token and asks for a sign-in, still returning the response', async () => {
    mockFetch(() => jsonResponse(401, { error: 'token expired' }));
    const store = signedInStore();
    const response = await authFetch('/api/flows', {}, store);
    expect(response.status).toBe(401);
    expect(store.getToken()).toBeNull();
    expect(store.getState().signInRequired).toBe(true);
  });

  it('a 401 with no token at all also asks for a sign-in', async () => {
    mockFetch(() => jsonResponse(401, { error: 'sign in' }));
    const store = createTokenStore(memoryStorage());
    await authFetch('/api/resources', {}, store);
    expect(store.getState().signInRequired).toBe(true);
  });

  it('other refusals leave the session alone', async () => {
    mockFetch(() => jsonResponse(403, { error: 'not yours' }));
    const store = signedInStore();
    await authFetch('/api/flows', {}, store);
    expect(store.getToken()).toBe('good-token');
    expect(store.getState().signInRequired).toBe(false);
  });
});

describe('signIn / signOut', () => {
  it('a wrong password is a clear error and does not touch the session state', async () => {
    mockFetch(() => jsonResponse(401, { error: 'invalid credentials' }));
    const store = createTokenStore(memoryStorage());
    store.unauthorized();
    const before = store.getState();
    await expect(signIn('admin', 'nope', store)).rejects.toEqual(new SignInError(401, WRONG_CREDENTIALS));
    expect(store.getState()).toBe(before);
  });

  it('stores the session the server returns and posts the credentials', async () => {
    const user = { id: 'u1', username: 'admin', roles: ['admin'], agentId: null };
    const calls = mockFetch(() => jsonResponse(200, { token: 'good-token', expiresAt: '2030-01-01T00:00:00Z', user }));
    const store = createTokenStore(memoryStorage());
    store.unauthorized();
    await signIn('admin', 'secret', store);
    expect(calls[0].url).toBe('/api/auth/login');
    expect(calls[0].body).toEqual({ username: 'admin', password: 'secret' });
    expect(calls[0].headers.has('authorization')).toBe(false);
    expect(store.getState()).toMatchObject({ signInRequired: false, session: { token: 'good-token', expiresAt: '2030-01-01T00:00:00Z', user } });
  });

  it("reports the server's own words for other failures and an unreachable server", async () => {
    mockFetch(() => jsonResponse(429, { error: 'too many attempts, wait a minute' }));
    await expect(signIn('admin', 'x', createTokenStore(memoryStorage()))).rejects.toThrow('too many attempts, wait a minute');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(signIn('admin', 'x', createTokenStore(memoryStorage()))).rejects.toThrow('Cannot reach the Switchyard server.');
  });

  it('signing out tells the server with the token, forgets it and shows the sign-in page', async () => {
    const calls = mockFetch(() => new Response(null, { status: 204 }));
    const store = signedInStore();
    await signOut(store);
    expect(calls[0].url).toBe('/api/auth/logout');
    expect(calls[0].headers.get('authorization')).toBe('Bearer good-token');
    expect(store.getToken()).toBeNull();
    expect(store.getState().signInRequired).toBe(true);
  });
});

describe('eventSourceUrl', () => {
  it('adds access_token when signed in, keeping any query', () => {
    const store = signedInStore();
    expect(eventSourceUrl('/api/events', store)).toBe('/api/events?access_token=good-token');
    expect(eventSourceUrl('/api/events?flow=a', store)).toBe('/api/events?flow=a&access_token=good-token');
  });

  it('encodes the token and leaves the path alone without one', () => {
    const store = createTokenStore(memoryStorage());
    expect(eventSourceUrl('/api/events', store)).toBe('/api/events');
    store.signedIn({ ...session, token: 'a+b/c=' });
    expect(eventSourceUrl('/api/events', store)).toBe('/api/events?access_token=a%2Bb%2Fc%3D');
  });
});
