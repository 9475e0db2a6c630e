import { csvText, leafAt, trendColumns, type FurtherClockKind } from '@slawatch/core';
import type { MetricsTrend } from '@slawatch/store';

/** The columns before the figures: the answer's own fields, the slice's, the value. */
const ANSWER_COLUMNS = ['at', 'window', 'dimension', 'stepMinutes', 'from', 'to', 'value'];

/**
 * `GET /api/v1/metrics/trend` as CSV: one row per slice and dimension value, oldest slice
 * first; a value with nothing in a slice has no row there, as it has no entry in the JSON.
 */
export function trendCsv(trend: MetricsTrend, further: readonly FurtherClockKind[]): string {
  const columns = trendColumns(further);
  const { at, window, dimension, stepMinutes } = trend;
  return csvText(
    [...ANSWER_COLUMNS, ...columns],
    trend.slices.flatMap(({ from, to, values }) =>
      Object.entries(values).map(([value, figures]) => [
        at,
        window,
        dimension,
        stepMinutes,
        from,
        to,
        value,
        ...columns.map((c) => leafAt(figures, c)),
      ]),
    ),
  );
}
