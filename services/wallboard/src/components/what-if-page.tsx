import { useEffect } from 'preact/hooks';
import type { Session } from '../api/session';
import type { WhatIfStore } from '../state/what-if-store';
import { BacktestForm } from './backtest-form';
import { BacktestReportView } from './backtest-report-view';
import { CandidateForm } from './candidate-form';
import { DeskPage } from './desk-page';

export interface WhatIfPageProps {
  readonly store: WhatIfStore;
  readonly session: Session;
  readonly signOut: () => void;
}

/**
 * "What if…": a candidate policy document, checked by the gateway, then backtested over
 * the ticket history against the one in force, with the comparison (docs/wallboard.md).
 */
export function WhatIfPage({ store, session, signOut }: WhatIfPageProps) {
  useEffect(() => {
    store.loadTicketUrl();
  }, [store]);

  const phase = store.run.phase.value;
  return (
    <DeskPage session={session} signOut={signOut} title="What if…" class="what-if">
      <p class="hint">
        What would the ticket history have looked like under another policy document? Paste or
        upload one, validate it, and compare it with the one in force.
      </p>
      <div class="what-if-forms">
        <CandidateForm store={store} />
        <BacktestForm store={store} />
      </div>
      {phase.kind === 'done' && (
        <BacktestReportView
          report={phase.report}
          ticketUrl={store.ticketUrl.value}
          edited={store.ranText.value !== store.text.value}
        />
      )}
    </DeskPage>
  );
}
