import { useEffect, useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { useShortcuts } from '../hooks/use-shortcuts';
import type { TeamsStore } from '../state/teams-store';
import { toggleTheme } from '../state/theme';
import { RefreshStatus } from './refresh-status';
import { TeamsControls } from './teams-controls';
import { TeamsTable } from './teams-table';
import { WhatIfHeader } from './what-if-header';

export interface TeamsPageProps {
  readonly store: TeamsStore;
  readonly session: Session;
  readonly signOut: () => void;
}

/**
 * "Teams": every team (or queue, policy, customer tier) of a window side by side, with the
 * board's figures and each one's trend, refreshed while shown (docs/wallboard.md).
 */
export function TeamsPage({ store, session, signOut }: TeamsPageProps) {
  useEffect(() => {
    // A page to read at a desk, not a wall screen: never TV mode's scaled type.
    document.body.dataset.mode = document.documentElement.dataset.mode = 'laptop';
  }, []);
  // Asks the gateway only while this page is the one shown.
  useEffect(() => store.show(), [store]);
  const shortcuts = useMemo(() => ({ d: toggleTheme }), []);
  useShortcuts(shortcuts);

  const teams = store.teams;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the page
      </a>
      <WhatIfHeader session={session} signOut={signOut} />
      <main id="main" tabIndex={-1} class="teams-page">
        <h1 class="view-title">Teams</h1>
        {teams === null ? (
          <p class="hint">
            The board's figures for each team, queue, policy or customer tier of the window, side by
            side, with one figure's line over the window. The first row is every ticket, for
            comparison. Click a column's heading to sort by it.
          </p>
        ) : (
          <p class="hint">
            The board's figures for each of your teams over the window, side by side, with one
            figure's line over the window. Click a column's heading to sort by it.{' '}
            {`Only your teams (${teams.join(', ')}): this token may not read other figures.`}
          </p>
        )}
        <TeamsControls store={store} />
        <RefreshStatus
          answer={store.answers.value?.metrics ?? null}
          problem={store.problem.value}
          loading={store.loading.value}
        />
        <TeamsTable store={store} />
      </main>
    </>
  );
}
