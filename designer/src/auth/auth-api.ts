import { authFetch, LOGIN_PATH } from './http.ts';
import { isAuthUser, tokenStore, type Session, type TokenStore } from './token-store.ts';

/** A refused or failed sign-in, worded for the form. */
export class SignInError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export const WRONG_CREDENTIALS = 'Wrong username or password.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `POST /api/auth/login`; on success the session is stored and the sign-in page closes. */
export async function signIn(username: string, password: string, store: TokenStore = tokenStore): Promise<Session> {
  let response: Response;
  try {
    response = await authFetch(
      LOGIN_PATH,
      { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) },
      store,
    );
  } catch {
    throw new SignInError(0, 'Cannot reach the Switchyard server.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) throw new SignInError(401, WRONG_CREDENTIALS);
  if (!response.ok) {
    const message = isRecord(body) && typeof body.error === 'string' ? body.error : `${response.status} ${response.statusText}`.trim();
    throw new SignInError(response.status, message);
  }
  if (!isRecord(body) || typeof body.token !== 'string' || body.token === '') {
    throw new SignInError(response.status, 'The server sent no token.');
  }
  const session: Session = {
    token: body.token,
    expiresAt: typeof body.expiresAt === 'string' ? body.expiresAt : null,
    user: isAuthUser(body.user) ? { ...body.user, agentId: body.user.agentId ?? null } : { id: username, username, roles: [], agentId: null },
  };
  store.signedIn(session);
  return session;
}

/** `POST /api/auth/logout` (best effort: the token is forgotten here whatever the server says). */
export async function signOut(store: TokenStore = tokenStore): Promise<void> {
  const token = store.getToken();
  store.signedOut();
  if (!token) return;
  try {
    await fetch('/api/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch {
    // Signed out here already; the token expires on its own.
  }
}
