import { useState } from 'preact/hooks';

export interface LoginScreenProps {
  /** Why the board is asking (a revoked token, say). */
  readonly message?: string | undefined;
  /** Tries the token; resolves to an error message, or null once signed in. */
  readonly signIn: (token: string, remember: boolean) => Promise<string | null>;
}

/** Asks for an access token, and checks it with the gateway before going on. */
export function LoginScreen({ message, signIn }: LoginScreenProps) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (token.trim() === '') {
      setError('Enter an access token.');
      return;
    }
    setBusy(true);
    setError(null);
    const problem = await signIn(token.trim(), remember);
    setBusy(false);
    if (problem !== null) setError(problem);
  };

  return (
    <main id="main" class="login">
      <h1>slawatch wallboard</h1>
      {message && error === null && (
        <p role="alert" class="notice">
          {message}
        </p>
      )}
      <form aria-label="Sign in" class="login-form" onSubmit={(e) => void submit(e)}>
        <label class="field">
          Access token
          <input
            name="token"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            aria-describedby="token-hint"
          />
        </label>
        <p id="token-hint" class="hint">
          A token with the read scope, from your slawatch operator.
        </p>
        <label class="check">
          <input
            type="checkbox"
            name="remember"
            checked={remember}
            onChange={(e) => setRemember(e.currentTarget.checked)}
          />
          Remember on this device
        </label>
        {error && (
          <p role="alert" class="form-error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
