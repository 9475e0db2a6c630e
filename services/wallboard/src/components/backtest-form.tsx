import { useEffect, useRef } from 'preact/hooks';
import { documentPath, fieldPath } from '../backtest/document-path';
import type { WhatIfStore } from '../state/what-if-store';
import { BacktestFailed } from './backtest-failed';
import { JobProgress } from './job-progress';
import { ProblemList } from './problem-list';
import { WindowFields } from './window-fields';

/** The window, "Run backtest" and "Cancel", and how the run is going. */
export function BacktestForm({ store }: { readonly store: WhatIfStore }) {
  const phase = store.run.phase.value;
  const refusal = store.refusal.value;
  const busy = phase.kind === 'starting' || phase.kind === 'running';
  const runButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);
  useEffect(() => {
    // Cancel goes when the job ends: keep the keyboard's place rather than drop it on <body>.
    if (wasRunning.current && phase.kind !== 'running' && document.activeElement === document.body)
      runButton.current?.focus();
    wasRunning.current = phase.kind === 'running';
  }, [phase.kind]);
  return (
    <section class="panel" aria-labelledby="backtest-heading">
      <h2 id="backtest-heading">Backtest</h2>
      <p class="hint">
        Folds the ticket history on the events topic under the document in force and under the
        candidate, and compares the clocks met and breached in the window.
        {store.teams !== null && (
          <> Only the tickets of your teams ({store.teams.join(', ')}) are compared.</>
        )}
      </p>
      <WindowFields store={store} disabled={busy} />
      <div class="form-row">
        {/* Busy, it stays focusable (aria-disabled): a disabled button would drop the focus. */}
        <button
          ref={runButton}
          type="button"
          class="primary"
          disabled={!store.mayRun}
          aria-disabled={busy ? 'true' : undefined}
          aria-describedby={store.mayRun ? undefined : 'run-needs-admin'}
          onClick={() => void store.startRun()}
        >
          Run backtest
        </button>
        {phase.kind === 'running' && (
          <button type="button" disabled={phase.cancelling} onClick={() => void store.run.cancel()}>
            {phase.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {!store.mayRun && (
        <p id="run-needs-admin" class="hint">
          Running a backtest needs a token with the admin scope; this one may validate only.
        </p>
      )}
      {refusal !== null && (
        <div role="alert" class="form-error">
          <p>{refusal.message}</p>
          {refusal.problems.length > 0 && (
            <ProblemList
              problems={refusal.problems}
              pathOf={refusal.field === 'window' ? fieldPath : documentPath}
            />
          )}
        </div>
      )}
      <JobProgress phase={phase} noun="backtest" />
      {phase.kind === 'failed' && <BacktestFailed failure={phase.failure} />}
    </section>
  );
}
