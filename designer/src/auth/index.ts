export { SignIn } from './SignIn.tsx';
export { signIn, signOut, SignInError, WRONG_CREDENTIALS } from './auth-api.ts';
export { authFetch, eventSourceUrl, isLoginPath, withAuthorization } from './http.ts';
export { createTokenStore, memoryStorage, tokenStore, TOKEN_KEY, USER_KEY, type AuthState, type AuthUser, type Session, type StorageLike, type TokenStore } from './token-store.ts';
export { useAuth, type Auth } from './use-auth.ts';
