/** What the gateway runs in the background: what-if backtests and period reports. */
export type JobKind = 'backtest' | 'report';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/**
 * `reading` the events topic (messages), then `comparing` the two folds of a backtest or
 * `computing` a report (tickets).
 */
export type JobStage = 'reading' | 'comparing' | 'computing';

/**
 * A background job as `GET /api/v1/backtest/{id}` and `GET /api/v1/reports/{id}` answer it
 * (docs/api.md, "Background jobs"); `result` is the kind's report.
 */
export interface JobRecord<R = unknown> {
  readonly id: string;
  readonly kind: JobKind;
  readonly state: JobState;
  /** The name of the token that started it. */
  readonly requestedBy: string;
  /** That token's teams: only their tickets count, and only such tokens see it. */
  readonly teams: readonly string[] | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The window compared or the period reported; `until` is fixed when the job starts. */
  readonly window: { readonly from: string; readonly until: string };
  readonly progress: {
    readonly stage: JobStage;
    readonly done: number;
    readonly total: number;
    /** Seconds the stage has left at its rate so far; null before it has one. */
    readonly etaSeconds: number | null;
  };
  /** Last written by the gateway running it: a running job not updated for long is lost. */
  readonly updatedAt: string;
  readonly result?: R;
  readonly error?: { readonly code: string; readonly error: string };
}
