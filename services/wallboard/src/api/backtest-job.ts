import { read } from './json-reader';
import { parseBacktestReport, type BacktestReport } from './backtest-report';

export const BACKTEST_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type BacktestState = (typeof BACKTEST_STATES)[number];

export interface BacktestProgress {
  /** `reading` the events topic (messages), then `comparing` (tickets); shown as sent otherwise. */
  readonly stage: string;
  readonly done: number;
  /** 0 while not known yet. */
  readonly total: number;
  readonly etaSeconds: number | null;
}

/** A backtest job as `GET /api/v1/backtest/{id}` answers it (docs/api.md). */
export interface BacktestJob {
  readonly id: string;
  readonly state: BacktestState;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly progress: BacktestProgress;
  /** The report of a job that is done. */
  readonly result: BacktestReport | null;
  /** Why a job failed. */
  readonly error: { readonly code: string; readonly error: string } | null;
}

/** Reads a job, throwing {@link MalformedAnswer} at its first field that is not as documented. */
export function parseBacktestJob(value: unknown): BacktestJob {
  const j = read.object(value, '');
  const p = read.object(j.progress, 'progress');
  const error = read.nullable(j.error, 'error', read.object);
  const state = read.oneOf(j.state, 'state', BACKTEST_STATES);
  return {
    id: read.string(j.id, 'id'),
    state,
    startedAt: read.instant(j.startedAt, 'startedAt'),
    finishedAt: read.nullable(j.finishedAt, 'finishedAt', read.instant),
    progress: {
      stage: read.string(p.stage, 'progress.stage'),
      done: read.number(p.done, 'progress.done'),
      total: read.number(p.total, 'progress.total'),
      etaSeconds: read.nullable(p.etaSeconds, 'progress.etaSeconds', read.number),
    },
    // A done job without its report would show nothing: that is an answer this page cannot use.
    result:
      state === 'done' || j.result !== undefined ? parseBacktestReport(j.result, 'result') : null,
    error:
      error === null
        ? null
        : {
            code: read.string(error.code, 'error.code'),
            error: read.string(error.error, 'error.error'),
          },
  };
}
