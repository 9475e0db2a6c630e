import { formatClockTime, formatShortTime } from '../format/format-clock-time';
import type { MetricsAnswer } from '../api/teams-api';
import { REFRESH_MS, type TeamsStore } from '../state/teams-store';

const time = (ms: number, text: string) => (
  <time dateTime={new Date(ms).toISOString()}>{text}</time>
);

/** "updated 10:02:13 · counting from 09:03": the gateway's instants, not the page's. */
function Freshness({ metrics }: { readonly metrics: MetricsAnswer }) {
  return (
    <>
      updated {time(metrics.at, formatClockTime(metrics.at))} · counting from{' '}
      {time(metrics.from, formatShortTime(metrics.from))} · refreshed every {REFRESH_MS / 1000} s
    </>
  );
}

/**
 * How fresh the table is: the instant the gateway computed the figures shown and where
 * their window starts, or why the latest refresh failed (the older rows stay meanwhile).
 */
export function TeamsStatus({ store }: { readonly store: TeamsStore }) {
  const metrics = store.answers.value?.metrics;
  const problem = store.problem.value;
  const waiting = store.loading.value ? 'Loading…' : 'Not loaded';
  return (
    <>
      <p class="updated" data-updated={metrics === undefined ? undefined : ''}>
        {metrics === undefined ? waiting : <Freshness metrics={metrics} />}
      </p>
      {problem !== null && (
        <div role="alert" class="form-error" data-refresh="failed">
          <p>
            {metrics === undefined
              ? 'The figures could not be read: '
              : `Not refreshed since ${formatClockTime(metrics.at)}: `}
            {problem.message}
          </p>
          {problem.code !== null && (
            <p class="hint">
              Code <code>{problem.code}</code> (docs/errors.md).
            </p>
          )}
        </div>
      )}
    </>
  );
}
