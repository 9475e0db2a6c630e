import { EVENT_TIME_RANGE_RULE, isAcceptedEventTime, parseInstant } from '@slawatch/core';
import type { RequestProblem } from '../errors.js';

/** An instant of a request's body (undefined when not given), or a problem naming it. */
export function bodyInstant(
  path: string,
  text: string | undefined,
  problems: RequestProblem[],
): number | undefined {
  if (text === undefined) return undefined;
  const t = parseInstant(text);
  if (t === null) problems.push({ path, message: 'must be an RFC 3339 date-time' });
  else if (!isAcceptedEventTime(t))
    problems.push({ path, message: `${EVENT_TIME_RANGE_RULE}, got ${JSON.stringify(text)}` });
  else return t;
  return undefined;
}
