import type { VNode } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import type { Session } from '../api/session';
import { currentPage } from '../state/current-page';
import type { PageName } from '../state/page-param';
import { Board } from './board';

/** A page's props besides its own store. */
interface PageProps {
  readonly session: Session;
  readonly signOut: () => void;
}

/** A page loaded on demand, with the state it keeps until sign-out. */
interface Loaded {
  readonly render: (props: PageProps) => VNode;
  readonly dispose: () => void;
}

type LazyPage = Exclude<PageName, 'board'>;

const TITLES: Readonly<Record<PageName, string>> = {
  board: 'slawatch wallboard',
  teams: 'Teams · slawatch',
  agents: 'Agents · slawatch',
  'what-if': 'What if… · slawatch',
  reports: 'Reports · slawatch',
};

/** Loads a page's code and makes its store; each in its own chunk. */
const LOADERS: Readonly<
  Record<LazyPage, (api: ApiClient, session: Session, unauthorized: () => void) => Promise<Loaded>>
> = {
  teams: async (api, session, unauthorized) => {
    const [{ TeamsPage }, { TeamsStore }, { teamsApi }] = await Promise.all([
      import('./teams-page'),
      import('../state/teams-store'),
      import('../api/teams-api'),
    ]);
    const store = new TeamsStore(teamsApi(api), session, unauthorized);
    return {
      render: (props) => <TeamsPage store={store} {...props} />,
      dispose: () => store.dispose(),
    };
  },
  agents: async (api, session, unauthorized) => {
    const [{ AgentsPage }, { AgentsStore }, { agentsApi }] = await Promise.all([
      import('./agents-page'),
      import('../state/agents-store'),
      import('../api/agents-api'),
    ]);
    const store = new AgentsStore(agentsApi(api), session, unauthorized);
    return {
      render: (props) => <AgentsPage store={store} {...props} />,
      dispose: () => store.dispose(),
    };
  },
  'what-if': async (api, session, unauthorized) => {
    const [{ WhatIfPage }, { WhatIfStore }, { whatIfApi }] = await Promise.all([
      import('./what-if-page'),
      import('../state/what-if-store'),
      import('../api/what-if-api'),
    ]);
    const store = new WhatIfStore(whatIfApi(api), session, unauthorized);
    return {
      render: (props) => <WhatIfPage store={store} {...props} />,
      dispose: () => store.dispose(),
    };
  },
  reports: async (api, session, unauthorized) => {
    const [{ ReportsPage }, { ReportsStore }, { reportsApi }] = await Promise.all([
      import('./reports-page'),
      import('../state/reports-store'),
      import('../api/reports-api'),
    ]);
    const store = new ReportsStore(reportsApi(api), session, unauthorized);
    return {
      render: (props) => <ReportsPage store={store} {...props} />,
      dispose: () => store.dispose(),
    };
  },
};

export interface SignedInProps {
  readonly api: ApiClient;
  readonly session: Session;
  readonly signOut: (message?: string) => void;
}

/**
 * The pages of a signed-in wallboard. The Teams, Agents, "What if…" and Reports pages are
 * loaded the first time they are opened (a wall screen never needs them), and their state
 * lives from then until sign-out, so going to the board and back keeps the choices, a
 * document and a running job.
 */
export function SignedIn({ api, session, signOut }: SignedInProps) {
  const page = currentPage.value;
  const [loaded, setLoaded] = useState<Partial<Record<LazyPage, Loaded>>>({});
  const [loadFailed, setLoadFailed] = useState(false);
  const unauthorized = useCallback(
    () => signOut('That token is no longer valid (401). Sign in again.'),
    [signOut],
  );

  useEffect(() => {
    if (page === 'board' || loaded[page] !== undefined) return;
    let wanted = true;
    LOADERS[page](api, session, unauthorized).then(
      (one) => {
        if (wanted) setLoaded((all) => ({ ...all, [page]: one }));
        else one.dispose();
      },
      // A gateway upgraded since this page loaded no longer has the old chunk.
      () => setLoadFailed(true),
    );
    return () => {
      wanted = false;
    };
  }, [page, loaded, api, session, unauthorized]);
  const stores = useRef(loaded);
  stores.current = loaded;
  useEffect(() => () => Object.values(stores.current).forEach((one) => one.dispose()), []);

  const first = useRef(true);
  const shown = page === 'board' ? null : (loaded[page] ?? null);
  useEffect(() => {
    document.title = TITLES[page];
    // A page change is silent to a screen reader and leaves focus on a link now out of
    // view: start the new page at its top, as a load would.
    if (first.current) first.current = false;
    else document.getElementById('main')?.focus();
  }, [page, shown]);

  if (page === 'board') return <Board api={api} session={session} signOut={signOut} />;
  if (shown !== null) return shown.render({ session, signOut: () => signOut() });
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
