import type { BacktestWindowFields } from '../api/what-if-api';
import type { RequestProblem } from '../api/request-problem';

/**
 * The window as the form holds it: a span before `until` (the API's `from`), or a start
 * time (`since`). Times are `<input type="datetime-local">` values, in the viewer's zone.
 */
export interface WindowForm {
  readonly mode: 'span' | 'since';
  /** `90m`, `12h`, `7d`. */
  readonly span: string;
  readonly since: string;
  /** Empty: now. */
  readonly until: string;
}

export const DEFAULT_WINDOW: WindowForm = { mode: 'span', span: '7d', since: '', until: '' };

/** A local date-time input's value as an instant (the browser's zone); NaN when not one. */
export type LocalTimeReader = (value: string) => number;

const localTime: LocalTimeReader = (value) =>
  // `Date` reads a date-time without an offset as local time; the input gives no other form.
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? new Date(value).getTime() : NaN;

/**
 * The request fields for the window, or what is wrong with the form, by the API's field
 * names. Only what the page can tell by itself: the gateway checks the rest (a span it
 * cannot read, a window after the events) and names it by the same paths.
 */
export function windowFields(
  form: WindowForm,
  readLocal: LocalTimeReader = localTime,
):
  | { readonly ok: true; readonly fields: BacktestWindowFields }
  | { readonly ok: false; readonly problems: readonly RequestProblem[] } {
  const problems: RequestProblem[] = [];
  const instant = (path: string, value: string): string | undefined => {
    const t = readLocal(value);
    if (Number.isNaN(t)) {
      problems.push({ path, message: 'must be a date and time' });
      return undefined;
    }
    return new Date(t).toISOString();
  };
  const until = form.until.trim() === '' ? undefined : instant('body.until', form.until.trim());
  let start: BacktestWindowFields;
  if (form.mode === 'span') {
    const span = form.span.trim();
    if (span === '') problems.push({ path: 'body.from', message: 'is required (e.g. 7d)' });
    start = { from: span };
  } else if (form.since.trim() === '') {
    problems.push({ path: 'body.since', message: 'is required' });
    start = {};
  } else {
    const since = instant('body.since', form.since.trim());
    if (since !== undefined && until !== undefined && Date.parse(since) >= Date.parse(until))
      problems.push({ path: 'body.since', message: 'must be before until' });
    start = since === undefined ? {} : { since };
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, fields: { ...start, ...(until === undefined ? {} : { until }) } };
}
