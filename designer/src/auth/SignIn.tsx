import { useId, useState, type FormEvent } from 'react';
import { SignInError } from './auth-api.ts';
import { useAuth } from './use-auth.ts';

/** The sign-in page: shown when the server refuses a request for want of a session. */
export function SignIn() {
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      // The store closes this page; nothing more to do here.
    } catch (failure) {
      setError(failure instanceof SignInError ? failure.message : 'Signing in failed.');
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in__card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
        <div className="sign-in__brand">
          <svg className="app__logo" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="7" />
            <path d="M7 10h7l4 6 4-6h3M7 22h7l4-6" />
          </svg>
          Switchyard
        </div>
        <h1 id={`${id}-title`} className="sign-in__title">
          Sign in
        </h1>
        <label className="sign-in__field" htmlFor={`${id}-username`}>
          Username
        </label>
        <input
          id={`${id}-username`}
          className="sign-in__input"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-invalid={error !== null}
        />
        <label className="sign-in__field" htmlFor={`${id}-password`}>
          Password
        </label>
        <input
          id={`${id}-password`}
          className="sign-in__input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={error !== null}
        />
        {error !== null && (
          <p className="sign-in__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button is-primary sign-in__submit" disabled={busy || username.trim() === '' || password === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
