import { jobFailure, type FailureWords, type JobFailure } from '../jobs/job-failure';

const WORDS: FailureWords = {
  byCode: {
    // A policy document reloaded with other windows since the page signed in.
    SLW_REQUEST_INVALID: (said) =>
      `The gateway does not take this team or window (${said}): reload the page.`,
    SLW_AUTH_TEAMS_LIMITED: () =>
      'This token is limited to other teams (403): choose one of your teams.',
    SLW_RATE_LIMITED: (said) => `The gateway asks to slow down: ${said}. The page tries again.`,
  },
  forbidden: 'This token may not read these figures (403).',
  inPage: 'The figures could not be shown in this page.',
};

/** Words for a failed refresh or download of the Agents page, with what to do about it. */
export const agentsFailure = (error: unknown): JobFailure => jobFailure(error, WORDS);
