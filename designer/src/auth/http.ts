import { tokenStore, type TokenStore } from './token-store.ts';

export const LOGIN_PATH = '/api/auth/login';

function pathOf(path: string): string {
  try {
    return new URL(path, 'http://switchyard.invalid').pathname;
  } catch {
    return path;
  }
}

/** A wrong password at the sign-in form is an answer, not a lapsed session. */
export function isLoginPath(path: string): boolean {
  return pathOf(path) === LOGIN_PATH;
}

/** Adds `Authorization: Bearer <token>` when there is a token; without one the headers stay as they are. */
export function withAuthorization(headers: Headers, store: TokenStore = tokenStore): Headers {
  const token = store.getToken();
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  return headers;
}

/**
 * `fetch` with the session's token; a 401 (except from the sign-in call
 * itself) forgets the token and brings up the sign-in page. The response is
 * returned either way, so callers report the refusal as they report others.
 */
export async function authFetch(path: string, init: RequestInit = {}, store: TokenStore = tokenStore): Promise<Response> {
  const headers = withAuthorization(new Headers(init.headers), store);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401 && !isLoginPath(path)) store.unauthorized();
  return response;
}

/** An EventSource cannot send headers: the token travels as `?access_token=`. */
export function eventSourceUrl(path: string, store: TokenStore = tokenStore): string {
  const token = store.getToken();
  if (!token) return path;
  const [beforeHash, hash] = splitOnce(path, '#');
  const separator = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${separator}access_token=${encodeURIComponent(token)}${hash === undefined ? '' : `#${hash}`}`;
}

function splitOnce(text: string, marker: string): [string, string | undefined] {
  const at = text.indexOf(marker);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
