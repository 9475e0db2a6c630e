import type { PeriodReport } from './period-report.js';

const iso = (t: number) => new Date(t).toISOString();

/** A report as JSON answers have it (`slawatch report`, the gateway's report jobs). */
export type ReportJson = ReturnType<typeof reportJson>;

/** The report as JSON: its instants as RFC 3339, with the invalid events left out. */
export const reportJson = (report: PeriodReport, rejected: number) => ({
  ...report,
  from: iso(report.from),
  to: iso(report.to),
  previousFrom: iso(report.previousFrom),
  breached: report.breached.map((b) => ({ ...b, breachedAt: iso(b.breachedAt) })),
  rejected,
});

/** {@link reportJson} read back, to render a stored report as HTML or CSV. */
export const reportFromJson = (json: ReportJson): PeriodReport => ({
  ...json,
  from: Date.parse(json.from),
  to: Date.parse(json.to),
  previousFrom: Date.parse(json.previousFrom),
  breached: json.breached.map((b) => ({ ...b, breachedAt: Date.parse(b.breachedAt) })),
});
