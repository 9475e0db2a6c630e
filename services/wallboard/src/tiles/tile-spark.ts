import { valueOf, type TrendData, type TrendFigures } from '../api/metrics-data';
import { formatShortTime } from '../format/format-clock-time';
import type { Scope } from '../state/scope';
import { formatFigure } from './figure-unit';
import type { GaugeHistory } from './gauge-history';
import { readFigure } from './read-figure';
import { trendEnds, type SparkPoint } from './sparkline-geometry';
import type { TileSpec } from './tile-specs';

/** What a tile's sparkline draws and says. */
export interface TileSpark {
  readonly points: readonly SparkPoint[];
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** Visible caveat, e.g. "since 10:02" for a gauge the page has not watched for a whole window. */
  readonly note?: string;
}

const describe = (spec: TileSpec, points: readonly SparkPoint[], lead: string): string => {
  const ends = trendEnds(points);
  if (ends === null) return `${lead}: no data yet`;
  const first = formatFigure(spec.unit, ends.first);
  const last = formatFigure(spec.unit, ends.last);
  return `${lead}: ${first} to ${last}`;
};

/** A windowed metric's line, from the server's trend: one point per slice, at its middle. */
export function trendSpark(spec: TileSpec, trend: TrendData | null, scope: Scope): TileSpark {
  return valueSpark(spec, trend, (values) => valueOf(values, scope));
}

/**
 * The line of one dimension value of a trend, whatever the dimension (the Teams page draws
 * one per queue or policy, which no board scope names); `pick` finds the value's entry.
 */
export function valueSpark(
  spec: TileSpec,
  trend: TrendData | null,
  pick: (values: TrendData['slices'][number]['values']) => TrendFigures | undefined,
): TileSpark {
  const history = spec.history;
  if (trend === null || history.kind !== 'trend' || trend.slices.length === 0)
    return { points: [], from: 0, to: 1, label: 'trend: no data yet' };
  const points = trend.slices.map((slice) => {
    const from = Date.parse(slice.from);
    const to = Date.parse(slice.to);
    const figures = pick(slice.values);
    const empty = history.emptyIsZero ? 0 : null;
    return { t: (from + to) / 2, v: figures ? readFigure(history.of, figures) : empty };
  });
  return {
    points,
    from: Date.parse(trend.slices[0]!.from),
    to: Date.parse(trend.slices.at(-1)!.to),
    label: describe(spec, points, 'trend'),
  };
}

/**
 * A gauge's line, from what this page has seen: the server keeps no history of "now". The
 * last value is drawn up to `end` (the newest word from the server), since an unchanged
 * gauge sends nothing. Shorter than the window, it says since when.
 */
export function gaugeSpark(
  spec: TileSpec,
  history: GaugeHistory,
  series: string,
  end: number,
  windowMs: number,
): TileSpark {
  const from = end - windowMs;
  const { samples, complete } = history.since(series, from);
  const points: SparkPoint[] = samples.map((s) => ({ t: s.at, v: s.value }));
  const last = samples.at(-1);
  if (last && last.at < end) points.push({ t: end, v: last.value });
  const start = samples[0]?.at;
  const since = !complete && start !== undefined ? `since ${formatShortTime(start)}` : null;
  return {
    points,
    from,
    to: end,
    label: describe(spec, points, since ?? 'trend'),
    ...(since === null ? {} : { note: since }),
  };
}
