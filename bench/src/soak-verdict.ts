/** One series of the soak over time: what it is, its unit, and a value per sample. */
export interface SoakSeries {
  readonly name: string;
  readonly unit: 'bytes' | 'ms' | 'messages' | 'cores';
  readonly values: readonly number[];
}

export interface SoakVerdict {
  readonly name: string;
  readonly firstHalf: number;
  readonly lastHalf: number;
  /** Mean over every sample of the run. */
  readonly wholeRun: number;
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

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((p, q) => p - q);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The last quarter's median against the second quarter's, relative: one spike is not a rise. */
function quartersRise(values: readonly number[]): number {
  const q = Math.floor(values.length / 4);
  const second = median(values.slice(q, 2 * q));
  return second === 0 ? 0 : median(values.slice(values.length - q)) / second - 1;
}

/**
 * Whether a series settles: the mean of the last half against the first half, and a
 * least-squares line through the last half. It "grows" when that line rises by more than
 * twice the scatter around it (a heap's GC sawtooth is scatter, not growth) and by more
 * than 5% of its level per 10 minutes, and the last quarter's median is more than 3% above
 * the second quarter's. A bounded series levels off, so the last half's
 * slope is small even when the first half (start-up, the backlog, JIT, caches) climbed.
 * Event-loop delay and lag are "bounded" while they stay under `floor`.
 */
export function verdictOf(series: SoakSeries, minutes: readonly number[], floor = 0): SoakVerdict {
  const half = Math.floor(series.values.length / 2);
  const first = series.values.slice(0, half);
  const last = series.values.slice(half);
  const xs = minutes.slice(half);
  const lastHalf = mean(last);
  const b = slope(xs, last);
  const a = lastHalf - b * mean(xs);
  const scatter = Math.sqrt(mean(last.map((y, i) => (y - (a + b * xs[i]!)) ** 2)));
  const rise = b * ((xs.at(-1) ?? 0) - (xs[0] ?? 0));
  const slopePer10Min = b * 10;
  const relative = lastHalf === 0 ? 0 : slopePer10Min / lastHalf;
  const perTen = `${(relative * 100).toFixed(1)}% per 10 min`;
  let verdict: string;
  if (last.length < 3) verdict = 'too few samples';
  else if (Math.max(...last) <= floor) verdict = `bounded (under ${floor} throughout)`;
  else if (rise > 2 * scatter && relative > 0.05 && quartersRise(series.values) > 0.03)
    verdict = `GROWS ${perTen}`;
  else if (rise > 2 * scatter && relative > 0.05)
    verdict = `bounded (slope ${perTen}, but the last quarter's median is within 3% of the second's)`;
  else if (rise > 2 * scatter) verdict = `bounded (${perTen} over the last half)`;
  else verdict = `bounded (no trend beyond its scatter over the last half)`;
  return {
    name: series.name,
    firstHalf: mean(first),
    lastHalf,
    wholeRun: mean(series.values),
    slopePer10Min,
    verdict,
  };
}
