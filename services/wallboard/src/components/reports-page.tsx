import { useEffect } from 'preact/hooks';
import type { Session } from '../api/session';
import type { ReportsStore } from '../state/reports-store';
import { ReportForm } from './report-form';
import { ReportView } from './report-view';
import { DeskPage } from './desk-page';

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
  // A link (a scheduled digest's) may name the period and the breakdown.
  useEffect(() => store.prefill(location.search), [store]);

  const phase = store.run.phase.value;
  return (
    <DeskPage session={session} signOut={signOut} title="Reports" class="what-if">
      <p class="hint">
        The SLA figures of a closed period (a month, a week), against the period before: for a
        team's review or a customer's compliance report.
      </p>
      <ReportForm store={store} />
      {phase.kind === 'done' && <ReportView store={store} id={phase.job.id} />}
    </DeskPage>
  );
}
