import type { AgentsAnswer } from '../api/agents-api';
import { formatClockTime, formatShortTime } from '../format/format-clock-time';
import { AGENTS_REFRESH_MS, type AgentsStore } from '../state/agents-store';

const time = (ms: number, text: string) => (
  <time dateTime={new Date(ms).toISOString()}>{text}</time>
);

/** "updated 10:02:13 · counting from 09:03": the gateway's instants, not the page's. */
function Freshness({ answer }: { readonly answer: AgentsAnswer }) {
  return (
    <>
      updated {time(answer.at, formatClockTime(answer.at))} · counting from{' '}
      {time(answer.from, formatShortTime(answer.from))} · refreshed every {AGENTS_REFRESH_MS / 1000}{' '}
      s
    </>
  );
}

/**
 * How fresh the table is, or why the latest refresh failed (the older rows stay meanwhile).
 */
export function AgentsStatus({ store }: { readonly store: AgentsStore }) {
  const answer = store.answer.value;
  const problem = store.problem.value;
  const waiting =
    store.query.value.team === null
      ? 'No team to show'
      : store.loading.value
        ? 'Loading…'
        : 'Not loaded';
  return (
    <>
      <p class="updated" data-updated={answer === null ? undefined : ''}>
        {answer === null ? waiting : <Freshness answer={answer} />}
      </p>
      {problem !== null && (
        <div role="alert" class="form-error" data-refresh="failed">
          <p>
            {answer === null
              ? 'The figures could not be read: '
              : `Not refreshed since ${formatClockTime(answer.at)}: `}
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
