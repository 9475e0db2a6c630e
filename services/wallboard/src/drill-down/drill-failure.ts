import { jobFailure, type FailureWords, type JobFailure } from '../jobs/job-failure';

const WORDS: FailureWords = {
  byCode: {
    SLW_REQUEST_INVALID: (said) => `The gateway does not take this list's query (${said}).`,
    SLW_RATE_LIMITED: (said) => `The gateway asks to slow down: ${said}. Try again shortly.`,
  },
  forbidden: 'This token may not read this list (403).',
  inPage: 'The list could not be shown in this page.',
};

/** Words for a list that could not be read, with its code. */
export const drillFailure = (error: unknown): JobFailure => jobFailure(error, WORDS);
