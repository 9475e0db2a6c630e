import { documentPath, fieldPath } from '../backtest/document-path';
import type { WhatIfStore } from '../state/what-if-store';
import { BacktestFailed } from './backtest-failed';
import { JobProgress } from './job-progress';
import { ProblemList } from './problem-list';
import { WindowFields } from './window-fields';
import { RunControls } from './run-controls';

/** The window, "Run backtest" and "Cancel", and how the run is going. */
export function BacktestForm({ store }: { readonly store: WhatIfStore }) {
  const phase = store.run.phase.value;
  const refusal = store.refusal.value;
  const busy = phase.kind === 'starting' || phase.kind === 'running';
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
      <RunControls
        phase={phase}
        mayRun={store.mayRun}
        label="Run backtest"
        notAllowed="Running a backtest needs a token with the admin scope; this one may validate only."
        notAllowedId="run-needs-admin"
        onRun={() => void store.startRun()}
        onCancel={() => void store.run.cancel()}
      />
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
