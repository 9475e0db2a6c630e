export interface UnreachableScreenProps {
  readonly reason: string;
  readonly retryInSeconds: number;
  readonly retry: () => void;
  readonly signOut: () => void;
}

/** The token could not be checked: the gateway is down or unreachable. It keeps trying. */
export function UnreachableScreen({
  reason,
  retryInSeconds,
  retry,
  signOut,
}: UnreachableScreenProps) {
  return (
    <main id="main" class="login">
      <h1>slawatch wallboard</h1>
      <div role="status" class="banner" data-connection="lost">
        The gateway cannot be reached ({reason}). Trying again in {retryInSeconds} s.
      </div>
      <div class="dialog-actions">
        <button type="button" class="primary" onClick={retry}>
          Try now
        </button>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}
