import type { MetricValues } from '@slawatch/core';
import { valueOf, type TrendData } from '../api/metrics-data';
import type { MetricsAnswer } from '../api/teams-api';
import { ALL } from '../state/scope';
import { valueSpark, type TileSpark } from '../tiles/tile-spark';
import type { TileSpec } from '../tiles/tile-specs';
import { allLabel, valueLabel, type TeamsDimension } from './teams-dimension';

/** What one refresh of the Teams page read: the window by the dimension, and over everything. */
export interface TeamsAnswers {
  readonly dimension: TeamsDimension;
  readonly window: string;
  readonly metrics: MetricsAnswer;
  readonly trend: TrendData;
  /** `dimension=all`; null for a token limited to teams, which may not read it. */
  readonly all: { readonly metrics: MetricsAnswer; readonly trend: TrendData } | null;
}

/** One row of the Teams table. */
export interface TeamRow {
  /** The value as the gateway names it (`-` for tickets without one); `*` for the all row. */
  readonly value: string;
  readonly label: string;
  /** The row over every ticket, shown first for comparison. */
  readonly isAll: boolean;
  readonly figures: MetricValues;
  readonly spark: TileSpark;
}

/**
 * The rows of one refresh, in the gateway's order: the all row first when there is one, then
 * a row per value of the metrics answer, each with its line over the trend's slices of the
 * figure `trend` draws.
 */
export function buildTeamRows(answers: TeamsAnswers, trend: TileSpec): TeamRow[] {
  const rows: TeamRow[] = [];
  const all = answers.all;
  const allFigures = all === null ? undefined : valueOf(all.metrics.values, ALL);
  if (all !== null && allFigures !== undefined)
    rows.push({
      value: '*',
      label: allLabel(answers.dimension),
      isAll: true,
      figures: allFigures,
      spark: valueSpark(trend, all.trend, (values) => valueOf(values, ALL)),
    });
  for (const [value, figures] of Object.entries(answers.metrics.values))
    rows.push({
      value,
      label: valueLabel(answers.dimension, value),
      isAll: false,
      figures,
      // Own keys only: a team may be called "constructor".
      spark: valueSpark(trend, answers.trend, (values) =>
        Object.hasOwn(values, value) ? values[value] : undefined,
      ),
    });
  return rows;
}
