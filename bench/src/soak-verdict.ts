/** One series of the soak over time: what it is, its unit, and a value per sample. */
export interface SoakSeries {
  readonly name: string;
  readonly unit: 'bytes' | 'ms' | 'messages';
  readonly values: readonly number[];
}

export interface SoakVerdict {
  readonly name: string;
  readonly firstHalf: number;
  readonly lastHalf: number;
  /** Slope of a least-squares line through the last half, per 10 minutes. */
  readonly slopePer10Min: number;
  readonly verdict: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** Least-squares slope of `ys` against `xs`. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

/**
 * Whether a series settles: the mean of the last half against the first half, and the
 * slope over the last half. Memory that still rises over the last half by more than 5% of
 * its level per 10 minutes "grows"; a bounded series levels off, so the last half's slope
 * is small even when the first half (start-up, the backlog, JIT, caches) climbed. Event-loop
 * delay and lag are "bounded" while they stay under `floor` (noise on an idle loop).
 */
export function verdictOf(series: SoakSeries, minutes: readonly number[], floor = 0): SoakVerdict {
  const half = Math.floor(series.values.length / 2);
  const first = series.values.slice(0, half);
  const last = series.values.slice(half);
  const lastHalf = mean(last);
  const slopePer10Min = slope(minutes.slice(half), last) * 10;
  const relative = lastHalf === 0 ? 0 : slopePer10Min / lastHalf;
  let verdict: string;
  if (last.length < 3) verdict = 'too few samples';
  else if (Math.max(...last) <= floor) verdict = `bounded (under ${floor} throughout)`;
  else if (relative > 0.05) verdict = `GROWS ${(relative * 100).toFixed(1)}% per 10 min`;
  else verdict = `bounded (${(relative * 100).toFixed(1)}% per 10 min over the last half)`;
  return { name: series.name, firstHalf: mean(first), lastHalf, slopePer10Min, verdict };
}
