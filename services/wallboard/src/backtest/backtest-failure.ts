import { ApiError } from '../api/api-client';
import { MalformedAnswer } from '../api/json-reader';
import type { RequestProblem } from '../api/request-problem';

/** Why a backtest did not give a report, for the page to show. */
export interface BacktestFailure {
  readonly message: string;
  /** The gateway's `SLW_…` code, when it gave one. */
  readonly code: string | null;
  /** The document's problems (paths within the request body). */
  readonly problems: readonly RequestProblem[];
}

/** Words for the codes a backtest request meets (docs/errors.md), given the gateway's own. */
const BY_CODE: Readonly<Record<string, (said: string) => string>> = {
  SLW_POLICY_INVALID: () => 'The candidate document is invalid: nothing was run.',
  SLW_REQUEST_INVALID: () => 'The window is not one the gateway takes: nothing was run.',
  SLW_JOB_BUSY: (said) =>
    `The gateway is running as many backtests and reports as it may: ${said}.`,
  SLW_JOB_NOT_FOUND: () =>
    'The gateway no longer has this backtest (jobs are kept a day): run it again.',
  SLW_REQUEST_TOO_LARGE: () => 'The document is larger than the gateway takes (1 MiB).',
};

/** Words for an error of a backtest request, with what to do about it where there is something. */
export function backtestFailure(error: unknown): BacktestFailure {
  if (error instanceof MalformedAnswer)
    return {
      message: `The gateway's answer could not be read: ${error.message}.`,
      code: null,
      problems: [],
    };
  if (!(error instanceof ApiError))
    return { message: 'The backtest failed in this page.', code: null, problems: [] };
  const { status, code, problems } = error;
  const said = (words: string) => ({ message: words, code, problems });
  if (status === 0) return said('The gateway could not be reached. Try again.');
  const known = code === null ? undefined : BY_CODE[code];
  if (known !== undefined) return said(known(error.message));
  if (status === 401) return said('The gateway no longer accepts this token (401).');
  if (status === 403) return said('Backtests need a token with the admin scope (403).');
  return said(`The gateway refused: ${error.message} (HTTP ${status}).`);
}
