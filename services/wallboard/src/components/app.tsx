import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiClient, ApiError } from '../api/api-client';
import type { Session } from '../api/session';
import { now } from '../clock/now';
import { backoffDelay } from '../live/backoff-delay';
import { clearToken, loadToken, saveToken } from '../state/token-store';
import { LoginScreen } from './login-screen';
import { SignedIn } from './signed-in';
import { UnreachableScreen } from './unreachable-screen';

type Phase =
  | { readonly kind: 'checking' }
  | { readonly kind: 'login'; readonly message?: string }
  | {
      readonly kind: 'unreachable';
      readonly token: string;
      readonly reason: string;
      readonly attempt: number;
      readonly retryAt: number;
    }
  | { readonly kind: 'board'; readonly api: ApiClient; readonly session: Session };

/** Words for a refused token, as the sign-in form shows them. */
function refusal(error: ApiError): string | null {
  if (error.status === 401) return 'That token was refused (401).';
  if (error.status === 403) return 'That token may not read the board (403).';
  return null;
}

/**
 * Signs in and keeps the page signed in: checks the stored token with the gateway at start
 * (and keeps retrying while the gateway is unreachable: a wall screen must recover by
 * itself), and goes back to sign-in when the token stops being accepted.
 */
export function App() {
  const [phase, setPhase] = useState<Phase>(() =>
    loadToken() === null ? { kind: 'login' } : { kind: 'checking' },
  );

  const check = useCallback((token: string, attempt: number) => {
    const api = new ApiClient(token);
    api.session().then(
      (session) => setPhase({ kind: 'board', api, session }),
      (error: unknown) => {
        const refused = error instanceof ApiError ? refusal(error) : null;
        if (refused !== null) {
          clearToken();
          setPhase({ kind: 'login', message: `${refused} Sign in again.` });
          return;
        }
        const reason =
          error instanceof ApiError && error.status > 0 ? `HTTP ${error.status}` : 'no answer';
        const retryAt = Date.now() + backoffDelay(attempt, Math.random());
        setPhase({ kind: 'unreachable', token, reason, attempt, retryAt });
      },
    );
  }, []);

  useEffect(() => {
    const token = loadToken();
    if (token !== null) check(token, 0);
  }, [check]);

  useEffect(() => {
    if (phase.kind !== 'unreachable') return;
    const timer = setTimeout(
      () => check(phase.token, phase.attempt + 1),
      Math.max(0, phase.retryAt - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [phase, check]);

  useEffect(() => {
    if (phase.kind !== 'board')
      document.body.dataset.mode = document.documentElement.dataset.mode = 'laptop';
  }, [phase.kind]);

  const signOut = useCallback((message?: string) => {
    clearToken();
    setPhase(message === undefined ? { kind: 'login' } : { kind: 'login', message });
  }, []);

  const signIn = useCallback(async (token: string, remember: boolean) => {
    const api = new ApiClient(token);
    try {
      const session = await api.session();
      saveToken(token, remember);
      setPhase({ kind: 'board', api, session });
      return null;
    } catch (error) {
      if (error instanceof ApiError)
        return refusal(error) ?? `The gateway could not check the token (${error.message}).`;
      return 'The gateway could not check the token.';
    }
  }, []);

  switch (phase.kind) {
    case 'checking':
      return (
        <main id="main" class="login">
          <p role="status">Checking the token with the gateway…</p>
        </main>
      );
    case 'login':
      return <LoginScreen message={phase.message} signIn={signIn} />;
    case 'unreachable':
      void now.value; // ticks the countdown to the next try
      return (
        <UnreachableScreen
          reason={phase.reason}
          retryInSeconds={Math.max(0, Math.ceil((phase.retryAt - Date.now()) / 1000))}
          retry={() => check(phase.token, phase.attempt + 1)}
          signOut={() => signOut()}
        />
      );
    case 'board':
      return <SignedIn api={phase.api} session={phase.session} signOut={signOut} />;
  }
}
