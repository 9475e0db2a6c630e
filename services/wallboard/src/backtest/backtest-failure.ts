import { jobFailure, type FailureWords, type JobFailure } from '../jobs/job-failure';

/** Why a backtest did not give a report, for the page to show. */
export type BacktestFailure = JobFailure;

const WORDS: FailureWords = {
  byCode: {
    SLW_POLICY_INVALID: () => 'The candidate document is invalid: nothing was run.',
    SLW_REQUEST_INVALID: () => 'The window is not one the gateway takes: nothing was run.',
    SLW_JOB_BUSY: (said) =>
      `The gateway is running as many backtests and reports as it may: ${said}.`,
    SLW_JOB_NOT_FOUND: () =>
      'The gateway no longer has this backtest (jobs are kept a day): run it again.',
    SLW_REQUEST_TOO_LARGE: () => 'The document is larger than the gateway takes (1 MiB).',
  },
  forbidden: 'Backtests need a token with the admin scope (403).',
  inPage: 'The backtest failed in this page.',
};

/** Words for an error of a backtest request, with what to do about it where there is something. */
export const backtestFailure = (error: unknown): BacktestFailure => jobFailure(error, WORDS);
