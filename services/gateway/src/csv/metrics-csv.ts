import {
  csvText,
  leafAt,
  metricsColumns,
  type FurtherClockKind,
  type MetricValues,
} from '@slawatch/core';
import type { AgentsReport, MetricsReport } from '@slawatch/store';

/**
 * Rows of figures as CSV: each row's leading cells under `head`, then every figure
 * (metricsColumns, named after the JSON fields).
 */
function figuresCsv(
  head: readonly string[],
  rows: readonly (readonly [lead: readonly string[], figures: MetricValues])[],
  further: readonly FurtherClockKind[],
): string {
  const columns = metricsColumns(further);
  return csvText(
    [...head, ...columns],
    rows.map(([lead, figures]) => [...lead, ...columns.map((c) => leafAt(figures, c))]),
  );
}

/** `GET /api/v1/metrics` as CSV: one row per dimension value, in the answer's order. */
export function metricsCsv(report: MetricsReport, further: readonly FurtherClockKind[]): string {
  const { at, window, from, dimension } = report;
  return figuresCsv(
    ['at', 'window', 'from', 'dimension', 'value'],
    Object.entries(report.values).map(([value, figures]) => [
      [at, window, from, dimension, value],
      figures,
    ]),
    further,
  );
}

/** `GET /api/v1/agents` as CSV: the team's row first (agent `*`), then one per agent. */
export function agentsCsv(report: AgentsReport, further: readonly FurtherClockKind[]): string {
  const { at, window, from, team } = report;
  const lead = (agent: string) => [at, window, from, team, agent];
  return figuresCsv(
    ['at', 'window', 'from', 'team', 'agent'],
    [
      [lead('*'), report.teamValues] as const,
      ...Object.entries(report.values).map(([agent, figures]) => [lead(agent), figures] as const),
    ],
    further,
  );
}
