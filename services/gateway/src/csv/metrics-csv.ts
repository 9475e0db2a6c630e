import { csvText, leafAt, metricsColumns, type FurtherClockKind } from '@slawatch/core';
import type { MetricsReport } from '@slawatch/store';

/** The columns before the figures: the answer's own fields, then the dimension value. */
const ANSWER_COLUMNS = ['at', 'window', 'from', 'dimension', 'value'];

/** `GET /api/v1/metrics` as CSV: one row per dimension value, in the answer's order. */
export function metricsCsv(report: MetricsReport, further: readonly FurtherClockKind[]): string {
  const columns = metricsColumns(further);
  const { at, window, from, dimension } = report;
  return csvText(
    [...ANSWER_COLUMNS, ...columns],
    Object.entries(report.values).map(([value, figures]) => [
      at,
      window,
      from,
      dimension,
      value,
      ...columns.map((c) => leafAt(figures, c)),
    ]),
  );
}
