/** Who the server says is signed in (`user` of `POST /api/auth/login` and `GET /api/auth/me`). */
export interface AuthUser {
  id: string;
  username: string;
  roles: string[];
  agentId: string | null;
}

export interface Session {
  token: string;
  /** ISO date-time; null when the server gave none. */
  expiresAt: string | null;
  user: AuthUser | null;
}

export interface AuthState {
  session: Session | null;
  /** The server refused a request (401): the app shows the sign-in page until someone signs in. */
  signInRequired: boolean;
  /**
   * Bumped when someone signs in who is not the person whose session just
   * lapsed (a first sign-in, another user, after signing out): the app then
   * starts afresh. A lapsed session signed back into keeps the page as it was.
   */
  epoch: number;
}

/** The part of `localStorage` the store uses, so tests can hand it a Map. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const TOKEN_KEY = 'switchyard:token';
export const USER_KEY = 'switchyard:user';

export interface TokenStore {
  getState(): AuthState;
  getToken(): string | null;
  subscribe(listener: () => void): () => void;
  /** Stores a fresh session and leaves the sign-in page. */
  signedIn(session: Session): void;
  /** A 401: forgets the token and asks for a sign-in. */
  unauthorized(): void;
  /** Forgets the token and asks for a sign-in, starting afresh after it. */
  signedOut(): void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isAuthUser(value: unknown): value is AuthUser {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.username === 'string' &&
    Array.isArray(value.roles) &&
    value.roles.every((role) => typeof role === 'string') &&
    (value.agentId === null || value.agentId === undefined || typeof value.agentId === 'string')
  );
}

export function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The browser's localStorage, or memory where there is none (node, a locked-down browser). */
function defaultStorage(): StorageLike {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (storage) {
      storage.getItem(TOKEN_KEY);
      return storage;
    }
  } catch {
    // Storage disabled: keep the session for this page only.
  }
  return memoryStorage();
}

function readSession(storage: StorageLike, now: number): Session | null {
  let token: string | null;
  let stored: string | null;
  try {
    token = storage.getItem(TOKEN_KEY);
    stored = storage.getItem(USER_KEY);
  } catch {
    return null;
  }
  if (!token) return null;
  let user: AuthUser | null = null;
  let expiresAt: string | null = null;
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : null;
    if (isRecord(parsed)) {
      if (isAuthUser(parsed.user)) user = parsed.user;
      if (typeof parsed.expiresAt === 'string') expiresAt = parsed.expiresAt;
    }
  } catch {
    // A damaged user entry: keep the token, the server has the last word on it.
  }
  if (expiresAt !== null && Date.parse(expiresAt) <= now) {
    clearStorage(storage);
    return null;
  }
  return { token, expiresAt, user };
}

function clearStorage(storage: StorageLike): void {
  try {
    storage.removeItem(TOKEN_KEY);
    storage.removeItem(USER_KEY);
  } catch {
    // Nothing to forget.
  }
}

export function createTokenStore(storage: StorageLike = defaultStorage(), now: () => number = Date.now): TokenStore {
  let state: AuthState = { session: readSession(storage, now()), signInRequired: false, epoch: 0 };
  /** Whose session lapsed on a 401, so signing back in as them keeps the page. */
  let lapsedUser: string | null = null;
  const listeners = new Set<() => void>();

  const set = (next: AuthState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getState: () => state,
    getToken() {
      const session = state.session;
      if (!session) return null;
      if (session.expiresAt !== null && Date.parse(session.expiresAt) <= now()) return null;
      return session.token;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signedIn(session) {
      try {
        storage.setItem(TOKEN_KEY, session.token);
        storage.setItem(USER_KEY, JSON.stringify({ user: session.user, expiresAt: session.expiresAt }));
      } catch {
        // Storage full or disabled: the session lasts as long as the page.
      }
      const sameUser = lapsedUser !== null && session.user?.username === lapsedUser;
      lapsedUser = null;
      set({ session, signInRequired: false, epoch: sameUser ? state.epoch : state.epoch + 1 });
    },
    unauthorized() {
      if (state.session?.user) lapsedUser = state.session.user.username;
      clearStorage(storage);
      if (state.session === null && state.signInRequired) return;
      set({ ...state, session: null, signInRequired: true });
    },
    signedOut() {
      lapsedUser = null;
      clearStorage(storage);
      set({ ...state, session: null, signInRequired: true });
    },
  };
}

/** The page's one store. */
export const tokenStore: TokenStore = createTokenStore();
