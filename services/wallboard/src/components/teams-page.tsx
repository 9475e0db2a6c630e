import { useEffect } from 'preact/hooks';
import type { Session } from '../api/session';
import type { TeamsStore } from '../state/teams-store';
import { RefreshStatus } from './refresh-status';
import { TeamsControls } from './teams-controls';
import { TeamsTable } from './teams-table';
import { DeskPage } from './desk-page';

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
  // Asks the gateway only while this page is the one shown.
  useEffect(() => store.show(), [store]);

  const teams = store.teams;
  return (
    <DeskPage session={session} signOut={signOut} title="Teams" class="teams-page">
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
    </DeskPage>
  );
}
