/** A point of a sparkline: an instant and its figure (null where there is none). */
export interface SparkPoint {
  readonly t: number;
  readonly v: number | null;
}

export interface SparkFrame {
  /** The time axis: the window's start and end. */
  readonly from: number;
  readonly to: number;
  readonly width: number;
  readonly height: number;
  /** Room kept at the top and bottom so a line at an extreme stays visible. */
  readonly pad: number;
}

/**
 * The runs of a sparkline, in SVG coordinates: a gap where there is no figure breaks the
 * line instead of being drawn as zero or bridged. Each run is a list of [x, y]; y grows
 * downwards, the smallest figure at the bottom, a flat series in the middle.
 */
export function sparklineRuns(
  points: readonly SparkPoint[],
  frame: SparkFrame,
): readonly (readonly (readonly [number, number])[])[] {
  const values = points.flatMap((p) => (p.v === null ? [] : [p.v]));
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = frame.to - frame.from;
  const inner = frame.height - 2 * frame.pad;
  const x = (t: number) =>
    round(span <= 0 ? frame.width : ((t - frame.from) / span) * frame.width, frame.width);
  const y = (v: number) =>
    round(
      max === min ? frame.height / 2 : frame.pad + (1 - (v - min) / (max - min)) * inner,
      frame.height,
    );
  const runs: (readonly [number, number])[][] = [];
  let run: (readonly [number, number])[] = [];
  for (const p of points) {
    if (p.v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push([x(p.t), y(p.v)]);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const round = (n: number, limit: number) => Math.round(Math.min(limit, Math.max(0, n)) * 10) / 10;

/** The first and last figures of a series, for a chart's text alternative. */
export function trendEnds(points: readonly SparkPoint[]): { first: number; last: number } | null {
  const values = points.flatMap((p) => (p.v === null ? [] : [p.v]));
  const first = values[0];
  const last = values.at(-1);
  return first === undefined || last === undefined ? null : { first, last };
}
