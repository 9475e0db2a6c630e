import { useEffect, useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { useShortcuts } from '../hooks/use-shortcuts';
import { toggleTheme } from '../state/theme';
import type { ReportsStore } from '../state/reports-store';
import { ReportForm } from './report-form';
import { ReportView } from './report-view';
import { WhatIfHeader } from './what-if-header';

export interface ReportsPageProps {
  readonly store: ReportsStore;
  readonly session: Session;
  readonly signOut: () => void;
}

/**
 * "Reports": a period report run by the gateway as a background job, shown as the page it
 * renders, to print or save as HTML or CSV (docs/wallboard.md).
 */
export function ReportsPage({ store, session, signOut }: ReportsPageProps) {
  useEffect(() => {
    // A page to work at, not a wall screen: never TV mode's scaled type.
    document.body.dataset.mode = document.documentElement.dataset.mode = 'laptop';
  }, []);
  // A link (a scheduled digest's) may name the period and the breakdown.
  useEffect(() => store.prefill(location.search), [store]);
  const shortcuts = useMemo(() => ({ d: toggleTheme }), []);
  useShortcuts(shortcuts);

  const phase = store.run.phase.value;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the page
      </a>
      <WhatIfHeader session={session} signOut={signOut} />
      <main id="main" tabIndex={-1} class="what-if">
        <h1 class="view-title">Reports</h1>
        <p class="hint">
          The SLA figures of a closed period (a month, a week), against the period before: for a
          team's review or a customer's compliance report.
        </p>
        <ReportForm store={store} />
        {phase.kind === 'done' && <ReportView store={store} id={phase.job.id} />}
      </main>
    </>
  );
}
