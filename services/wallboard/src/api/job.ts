import { read } from './json-reader';

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobProgress {
  /**
   * `reading` the events topic (messages), then `comparing` (a backtest's tickets) or
   * `computing` (a report's tickets); shown as sent otherwise.
   */
  readonly stage: string;
  readonly done: number;
  /** 0 while not known yet. */
  readonly total: number;
  readonly etaSeconds: number | null;
}

/** A background job of the gateway, as `GET /api/v1/backtest/{id}` or `/reports/{id}` answers it. */
export interface Job<R> {
  readonly id: string;
  readonly state: JobState;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly progress: JobProgress;
  /** The result of a job that is done. */
  readonly result: R | null;
  /** Why a job failed. */
  readonly error: { readonly code: string; readonly error: string } | null;
}

/**
 * Reads a job, its result with `readResult`, throwing {@link MalformedAnswer} at its first
 * field that is not as documented (docs/api.md, "Background jobs").
 */
export function parseJob<R>(value: unknown, readResult: (v: unknown, path: string) => R): Job<R> {
  const j = read.object(value, '');
  const p = read.object(j.progress, 'progress');
  const error = read.nullable(j.error, 'error', read.object);
  const state = read.oneOf(j.state, 'state', JOB_STATES);
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
    // A done job without its result would show nothing: that is an answer a page cannot use.
    result: state === 'done' || j.result !== undefined ? readResult(j.result, 'result') : null,
    error:
      error === null
        ? null
        : {
            code: read.string(error.code, 'error.code'),
            error: read.string(error.error, 'error.error'),
          },
  };
}
