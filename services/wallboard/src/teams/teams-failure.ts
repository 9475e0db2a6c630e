import { jobFailure, type FailureWords, type JobFailure } from '../jobs/job-failure';

const WORDS: FailureWords = {
  byCode: {
    // A policy document reloaded with other windows since the page signed in.
    SLW_REQUEST_INVALID: (said) =>
      `The gateway does not take this window or dimension (${said}): reload the page.`,
    SLW_RATE_LIMITED: (said) => `The gateway asks to slow down: ${said}. The page tries again.`,
  },
  // SLW_AUTH_TEAMS_LIMITED among others: the page offers such a token its teams only.
  forbidden: 'This token may not read these figures (403): a token limited to teams reads its own.',
  inPage: 'The figures could not be shown in this page.',
};

/** Words for a failed refresh of the Teams page, with what to do about it. */
export const teamsFailure = (error: unknown): JobFailure => jobFailure(error, WORDS);
