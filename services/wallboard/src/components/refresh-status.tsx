import { formatClockTime, formatShortTime } from '../format/format-clock-time';
import type { JobFailure } from '../jobs/job-failure';
import { REFRESH_MS } from '../state/polled-view';
import { FailureAlert } from './failure-alert';

/** The gateway's instants of an answer: when it was computed, and where its window starts. */
export interface AnswerInstants {
  readonly at: number;
  readonly from: number;
}

export interface RefreshStatusProps {
  /** The answer shown, or null before the first. */
  readonly answer: AnswerInstants | null;
  readonly problem: JobFailure | null;
  readonly loading: boolean;
  /** Said instead of "Loading…" while there is nothing to ask (no team yet). */
  readonly idle?: string | undefined;
}

const time = (ms: number, text: string) => (
  <time dateTime={new Date(ms).toISOString()}>{text}</time>
);

/** "updated 10:02:13 · counting from 09:03": the gateway's instants, not the page's. */
function Freshness({ answer }: { readonly answer: AnswerInstants }) {
  return (
    <>
      updated {time(answer.at, formatClockTime(answer.at))} · counting from{' '}
      {time(answer.from, formatShortTime(answer.from))} · refreshed every {REFRESH_MS / 1000} s
    </>
  );
}

/**
 * How fresh a polled page's table is, or why the latest refresh failed (the older rows stay
 * meanwhile, so the line says since when they have not changed).
 */
export function RefreshStatus({ answer, problem, loading, idle }: RefreshStatusProps) {
  const waiting = idle ?? (loading ? 'Loading…' : 'Not loaded');
  return (
    <>
      <p class="updated" data-updated={answer === null ? undefined : ''}>
        {answer === null ? waiting : <Freshness answer={answer} />}
      </p>
      {problem !== null && (
        <FailureAlert
          lead={
            answer === null
              ? 'The figures could not be read: '
              : `Not refreshed since ${formatClockTime(answer.at)}: `
          }
          failure={problem}
          marker={{ 'data-refresh': 'failed' }}
        />
      )}
    </>
  );
}
