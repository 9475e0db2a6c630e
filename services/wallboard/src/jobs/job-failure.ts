import { ApiError } from '../api/api-client';
import { MalformedAnswer } from '../api/json-reader';
import type { RequestProblem } from '../api/request-problem';

/** Why a job gave no result, for the page to show. */
export interface JobFailure {
  readonly message: string;
  /** The gateway's `SLW_…` code, when it gave one. */
  readonly code: string | null;
  /** The request's problems (paths within the request body). */
  readonly problems: readonly RequestProblem[];
}

/** What a kind of job says about its errors. */
export interface FailureWords {
  /** Words for the codes its requests meet (docs/errors.md), given the gateway's own. */
  readonly byCode: Readonly<Record<string, (said: string) => string>>;
  /** For a 403: which scope the routes need. */
  readonly forbidden: string;
  /** For an error of the page itself rather than of the gateway. */
  readonly inPage: string;
}

/** Words for an error of a job's request, with what to do about it where there is something. */
export function jobFailure(error: unknown, words: FailureWords): JobFailure {
  if (error instanceof MalformedAnswer)
    return {
      message: `The gateway's answer could not be read: ${error.message}.`,
      code: null,
      problems: [],
    };
  if (!(error instanceof ApiError)) return { message: words.inPage, code: null, problems: [] };
  const { status, code, problems } = error;
  const said = (message: string) => ({ message, code, problems });
  if (status === 0) return said('The gateway could not be reached. Try again.');
  const known = code === null ? undefined : words.byCode[code];
  if (known !== undefined) return said(known(error.message));
  if (status === 401) return said('The gateway no longer accepts this token (401).');
  if (status === 403) return said(words.forbidden);
  return said(`The gateway refused: ${error.message} (HTTP ${status}).`);
}
