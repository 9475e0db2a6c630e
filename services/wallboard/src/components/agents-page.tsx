import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/session';
import type { DrillRequest } from '../drill-down/drill-query';
import type { AgentsStore } from '../state/agents-store';
import { replaceSearch } from '../state/current-page';
import { teamFromSearch } from '../state/page-param';
import { AgentsControls } from './agents-controls';
import { AgentsTable } from './agents-table';
import { DrillDown } from './drill-down';
import { RefreshStatus } from './refresh-status';
import { DeskPage } from './desk-page';

export interface AgentsPageProps {
  readonly store: AgentsStore;
  readonly session: Session;
  readonly signOut: () => void;
}

/**
 * "Agents": one team's figures and each of its agents' over the team's tickets, side by
 * side, refreshed while shown; an agent's open tickets and breaches open to their tickets
 * (docs/wallboard.md).
 */
export function AgentsPage({ store, session, signOut }: AgentsPageProps) {
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  // Asks the gateway only while this page is the one shown, for the team the address names.
  useEffect(() => store.show(teamFromSearch(location.search)), [store]);
  useEffect(() => {
    // Back and Forward between two teams' addresses.
    const onPop = () => {
      const team = teamFromSearch(location.search);
      if (team !== null) store.choose({ team });
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [store]);
  // The address says the team shown, so that it can be copied and sent.
  const team = store.query.value.team;
  useEffect(() => {
    if (team !== null && teamFromSearch(location.search) !== team) replaceSearch('agents', team);
  }, [team]);
  const close = useCallback(() => setDrill(null), []);

  const limited = store.limitedTo;
  const dialog = drill !== null && (
    <DrillDown
      request={drill}
      readRoute={store.api.readRoute}
      ticketUrl={store.ticketUrl.value}
      onClose={close}
    />
  );
  return (
    <DeskPage
      session={session}
      signOut={signOut}
      title="Agents"
      class="teams-page agents-page"
      after={dialog}
    >
      <p class="hint">
        One team's figures over the window, then each agent's over that team's tickets. Click a
        column's heading to sort by it; an agent's open tickets and breaches open to the tickets.
        {limited !== null &&
          ` Only your teams (${limited.join(', ')}): this token may not read others.`}
      </p>
      <AgentsControls store={store} />
      <RefreshStatus
        answer={store.answer.value}
        problem={store.problem.value}
        loading={store.loading.value}
        idle={team === null ? 'No team to show' : undefined}
      />
      <AgentsTable store={store} onOpen={setDrill} />
    </DeskPage>
  );
}
