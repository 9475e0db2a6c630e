import { csvText } from '../csv/csv-text.js';
import { leafAt } from '../csv/leaf-path.js';
import { metricsColumns } from '../csv/metrics-columns.js';
import type { PeriodReport } from './period-report.js';

const iso = (t: number) => new Date(t).toISOString();

/**
 * The report's figures as CSV: the whole period first (value `*`), then one row per value
 * of `--by`; each row the period's figures (`period.<figure>`) then the previous period's
 * (`previous.<figure>`), named as in the metrics API's CSV (docs/api.md). The breached
 * clocks are in the JSON and HTML reports.
 */
export function reportCsv(report: PeriodReport): string {
  const further = Object.keys(report.overall.period.attainment).filter(
    (k) => !['firstResponse', 'nextResponse', 'resolution', 'overall'].includes(k),
  ) as Parameters<typeof metricsColumns>[0];
  const columns = metricsColumns(further);
  const head = [iso(report.from), iso(report.to), iso(report.previousFrom), report.by ?? 'all'];
  return csvText(
    [
      'from',
      'to',
      'previousFrom',
      'by',
      'value',
      ...columns.map((c) => `period.${c}`),
      ...columns.map((c) => `previous.${c}`),
    ],
    [report.overall, ...report.rows].map((r) => [
      ...head,
      r.value,
      ...columns.map((c) => leafAt(r.period, c)),
      ...columns.map((c) => leafAt(r.previous, c)),
    ]),
  );
}
