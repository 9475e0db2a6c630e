import type { FunctionComponent } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import type { Session } from '../api/session';
import { currentPage } from '../state/current-page';
import type { WhatIfStore } from '../state/what-if-store';
import { Board } from './board';
import type { WhatIfPageProps } from './what-if-page';

export interface SignedInProps {
  readonly api: ApiClient;
  readonly session: Session;
  readonly signOut: (message?: string) => void;
}

interface WhatIf {
  readonly Page: FunctionComponent<WhatIfPageProps>;
  readonly store: WhatIfStore;
}

/**
 * The pages of a signed-in wallboard. The "What if…" page is loaded the first time it is
 * opened (a wall screen never needs it), and its state lives from then until sign-out, so
 * going to the board and back keeps the document and a running backtest.
 */
export function SignedIn({ api, session, signOut }: SignedInProps) {
  const page = currentPage.value;
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const unauthorized = useCallback(
    () => signOut('That token is no longer valid (401). Sign in again.'),
    [signOut],
  );

  useEffect(() => {
    if (page !== 'what-if' || whatIf !== null) return;
    let wanted = true;
    Promise.all([
      import('./what-if-page'),
      import('../state/what-if-store'),
      import('../api/what-if-api'),
    ]).then(
      ([{ WhatIfPage }, { WhatIfStore }, { whatIfApi }]) => {
        if (wanted)
          setWhatIf({
            Page: WhatIfPage,
            store: new WhatIfStore(whatIfApi(api), session, unauthorized),
          });
      },
      // A gateway upgraded since this page loaded no longer has the old chunk.
      () => setLoadFailed(true),
    );
    return () => {
      wanted = false;
    };
  }, [page, whatIf, api, session, unauthorized]);
  useEffect(() => () => whatIf?.store.dispose(), [whatIf]);

  const first = useRef(true);
  useEffect(() => {
    document.title = page === 'what-if' ? 'What if… · slawatch' : 'slawatch wallboard';
    // A page change is silent to a screen reader and leaves focus on a link now out of
    // view: start the new page at its top, as a load would.
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [page, whatIf]);

  if (page === 'board') return <Board api={api} session={session} signOut={signOut} />;
  if (whatIf !== null)
    return <whatIf.Page store={whatIf.store} session={session} signOut={() => signOut()} />;
  return (
    <main id="main" tabIndex={-1} class="login">
      {loadFailed ? (
        <p role="alert" class="form-error">
          The page could not be loaded: the gateway may have been upgraded. Reload the page.
        </p>
      ) : (
        <p role="status">Loading the page…</p>
      )}
    </main>
  );
}
