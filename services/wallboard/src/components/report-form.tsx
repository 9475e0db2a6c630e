import { REPORT_BY, type ReportBy } from '../api/reports-api';
import { fieldPath } from '../backtest/document-path';
import { PERIOD_PRESETS, PRESET_LABELS, type PeriodForm } from '../reports/report-period';
import type { ReportsStore } from '../state/reports-store';
import { BacktestFailed } from './backtest-failed';
import { JobProgress } from './job-progress';
import { ProblemList } from './problem-list';
import { RunControls } from './run-controls';

const zone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const BY_LABELS: Readonly<Record<ReportBy, string>> = {
  team: 'Team',
  queue: 'Queue',
  policy: 'Policy',
  priority: 'Priority',
  customerTier: 'Customer tier',
  customerId: 'Customer',
  assignee: 'Assignee',
};

/** The period, the breakdown, "Run report" and "Cancel", and how the run is going. */
export function ReportForm({ store }: { readonly store: ReportsStore }) {
  const phase = store.run.phase.value;
  const period = store.period.value;
  const refusal = store.refusal.value;
  const busy = phase.kind === 'starting' || phase.kind === 'running';
  const set = (change: Partial<PeriodForm>) => store.setPeriod({ ...period, ...change });
  return (
    <section class="panel" aria-labelledby="report-heading">
      <h2 id="report-heading">Period report</h2>
      <p class="hint">
        Every figure of the period against the period before it, computed exactly from the ticket
        history on the events topic.
        {store.teams !== null && <> Only the tickets of your teams ({store.teams.join(', ')}).</>}
      </p>
      <fieldset class="window-fields" disabled={busy}>
        <legend>Period</legend>
        <div class="checks">
          {PERIOD_PRESETS.map((preset) => (
            <label class="check" key={preset}>
              <input
                type="radio"
                name="period"
                value={preset}
                checked={period.preset === preset}
                onChange={() => set({ preset })}
              />
              {PRESET_LABELS[preset]}
            </label>
          ))}
        </div>
        {period.preset === 'custom' && (
          <div class="form-row">
            <label class="control">
              <span>From (included)</span>
              <input
                type="datetime-local"
                name="from"
                value={period.from}
                onInput={(e) => set({ from: e.currentTarget.value })}
              />
            </label>
            <label class="control">
              <span>To (not included)</span>
              <input
                type="datetime-local"
                name="to"
                value={period.to}
                onInput={(e) => set({ to: e.currentTarget.value })}
              />
            </label>
          </div>
        )}
        <p class="hint">Times are in your time zone ({zone()}).</p>
      </fieldset>
      <div class="form-row">
        <label class="control">
          <span>Rows by</span>
          <select
            name="by"
            disabled={busy}
            value={store.by.value ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              store.by.value = value === '' ? null : (value as ReportBy);
            }}
          >
            <option value="">Overall only</option>
            {REPORT_BY.map((by) => (
              <option key={by} value={by}>
                {BY_LABELS[by]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RunControls
        phase={phase}
        mayRun={store.mayRun}
        label="Run report"
        notAllowed="Running a report needs a token with the report or admin scope; this one has neither."
        notAllowedId="run-needs-report"
        onRun={() => void store.startRun()}
        onCancel={() => void store.run.cancel()}
      />
      {refusal !== null && (
        <div role="alert" class="form-error">
          <p>The period is not complete.</p>
          <ProblemList problems={refusal} pathOf={fieldPath} />
        </div>
      )}
      <JobProgress phase={phase} noun="report" />
      {phase.kind === 'failed' && <BacktestFailed failure={phase.failure} />}
    </section>
  );
}
