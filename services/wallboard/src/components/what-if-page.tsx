import { useEffect, useMemo } from 'preact/hooks';
import type { Session } from '../api/session';
import { useShortcuts } from '../hooks/use-shortcuts';
import { toggleTheme } from '../state/theme';
import type { WhatIfStore } from '../state/what-if-store';
import { BacktestForm } from './backtest-form';
import { BacktestReportView } from './backtest-report-view';
import { CandidateForm } from './candidate-form';
import { WhatIfHeader } from './what-if-header';

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
    // A page to work at, not a wall screen: never TV mode's scaled type.
    document.body.dataset.mode = document.documentElement.dataset.mode = 'laptop';
    store.loadTicketUrl();
  }, [store]);
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
        <h1 class="view-title">What if…</h1>
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
      </main>
    </>
  );
}
