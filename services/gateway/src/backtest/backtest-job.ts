import type { BacktestReport } from '@slawatch/core';

export type BacktestState = 'running' | 'done' | 'failed' | 'cancelled';

/** `reading` the events topic (messages), then `comparing` the two folds (tickets). */
export type BacktestStage = 'reading' | 'comparing';

/** A backtest's report as `slawatch backtest --json` prints it. */
export type BacktestResult = Omit<BacktestReport, 'from' | 'until'> & {
  readonly from: string;
  readonly until: string;
  /** Invalid messages of the topic left out. */
  readonly rejected: number;
};

/** A backtest job as `GET /api/v1/backtest/{id}` answers it (docs/api.md). */
export interface BacktestJob {
  readonly id: string;
  readonly state: BacktestState;
  /** The name of the token that started it. */
  readonly requestedBy: string;
  /** That token's teams: only their tickets are compared, and only such tokens see it. */
  readonly teams: readonly string[] | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The window compared; `until` is fixed when the job starts. */
  readonly window: { readonly from: string; readonly until: string };
  readonly progress: {
    readonly stage: BacktestStage;
    readonly done: number;
    readonly total: number;
    /** Seconds the stage has left at its rate so far; null before it has one. */
    readonly etaSeconds: number | null;
  };
  /** Last written by the gateway running it: a running job not updated for long is lost. */
  readonly updatedAt: string;
  readonly result?: BacktestResult;
  readonly error?: { readonly code: string; readonly error: string };
}
