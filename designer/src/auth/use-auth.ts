import { useCallback, useSyncExternalStore } from 'react';
import { signIn as requestSignIn, signOut as requestSignOut } from './auth-api.ts';
import { tokenStore, type AuthUser, type Session } from './token-store.ts';

export interface Auth {
  /** Who is signed in; null when nobody is (also when the server needs no sign-in). */
  user: AuthUser | null;
  signInRequired: boolean;
  /** Changes when the app should start afresh after a sign-in. */
  epoch: number;
  signIn(username: string, password: string): Promise<Session>;
  signOut(): Promise<void>;
}

const subscribe = (listener: () => void) => tokenStore.subscribe(listener);
const getState = () => tokenStore.getState();

export function useAuth(): Auth {
  const state = useSyncExternalStore(subscribe, getState, getState);
  const signIn = useCallback((username: string, password: string) => requestSignIn(username, password), []);
  const signOut = useCallback(() => requestSignOut(), []);
  return { user: state.session?.user ?? null, signInRequired: state.signInRequired, epoch: state.epoch, signIn, signOut };
}
