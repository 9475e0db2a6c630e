import type { BacktestReport } from '../api/backtest-report';
import type { BacktestWindowFields, CandidateDocument, WhatIfApi } from '../api/what-if-api';
import { JobRun, type JobPhase, type Schedule } from '../jobs/job-run';
import { backtestFailure } from './backtest-failure';

export { POLL_MS, type Schedule } from '../jobs/job-run';

/** What the run needs of the gateway. */
export type BacktestApi = Pick<WhatIfApi, 'startBacktest' | 'backtestJob' | 'cancelBacktest'>;

export type RunPhase = JobPhase<BacktestReport>;

/** One backtest at a time, as the "What if…" page shows it (see {@link JobRun}). */
export class BacktestRun extends JobRun<BacktestReport> {
  constructor(
    private readonly backtests: BacktestApi,
    unauthorized?: () => void,
    schedule?: Schedule,
  ) {
    super(
      { job: (id) => backtests.backtestJob(id), cancel: (id) => backtests.cancelBacktest(id) },
      {
        failure: backtestFailure,
        failedSilently: 'The backtest failed; the gateway did not say why.',
      },
      unauthorized,
      schedule,
    );
  }

  start(candidate: CandidateDocument, window: BacktestWindowFields): Promise<void> {
    return this.begin(() => this.backtests.startBacktest(candidate, window));
  }
}
