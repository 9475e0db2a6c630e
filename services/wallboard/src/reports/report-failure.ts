import { jobFailure, type FailureWords, type JobFailure } from '../jobs/job-failure';

const WORDS: FailureWords = {
  byCode: {
    SLW_REQUEST_INVALID: () => 'The period is not one the gateway takes: nothing was run.',
    SLW_JOB_BUSY: (said) =>
      `The gateway is running as many backtests and reports as it may: ${said}. Try again shortly.`,
    SLW_JOB_NOT_FOUND: () =>
      'The gateway no longer has this report (jobs are kept a day): run it again.',
    SLW_JOB_NOT_DONE: () => 'The report is not finished yet.',
  },
  forbidden: 'Reports need a token with the report or admin scope (403).',
  inPage: 'The report failed in this page.',
};

/** Words for an error of a report request, with what to do about it where there is something. */
export const reportFailure = (error: unknown): JobFailure => jobFailure(error, WORDS);
