import { REPORT_BY, type ReportBy } from '../api/reports-api';
import type { PeriodForm } from './report-period';

/** What a link to the Reports page (a scheduled digest's) sets in the form. */
export interface ReportLink {
  readonly period?: PeriodForm;
  readonly by?: ReportBy;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value of `date` in this browser's zone, seconds only when it has some. */
export function localInput(date: Date): string {
  const seconds = date.getSeconds() === 0 ? '' : `:${pad(date.getSeconds())}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
}

/** An RFC 3339 instant with its offset (`2026-11-30T07:00:00Z`); null for anything else. */
function instant(text: string | null): Date | null {
  if (
    text === null ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)
  )
    return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Reads `from`, `to` (RFC 3339) and `by` from a Reports page address
 * (`?page=reports&from=2026-11-30T07:00:00Z&to=2026-12-07T07:00:00Z&by=team`): a custom
 * period in this browser's zone when both ends are instants, the breakdown when it is one
 * the form offers; anything else is left to the form's defaults.
 */
export function parseReportLink(search: string): ReportLink {
  const params = new URLSearchParams(search);
  const from = instant(params.get('from'));
  const to = instant(params.get('to'));
  const by = params.get('by');
  return {
    ...(from === null || to === null
      ? {}
      : { period: { preset: 'custom', from: localInput(from), to: localInput(to) } }),
    ...((REPORT_BY as readonly string[]).includes(by ?? '') ? { by: by as ReportBy } : {}),
  };
}
