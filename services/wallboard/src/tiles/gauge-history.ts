/** One reading of a gauge, at the instant the server read it (epoch ms). */
export interface Sample {
  readonly at: number;
  readonly value: number | null;
}

/** A week: the longest default window. */
const KEEP_MS = 7 * 86_400_000;
const MAX_SAMPLES = 2_000;

/**
 * The page's own memory of the "now" gauges (at risk, open breached, backlog), which the
 * server keeps no history of: each metrics message is a sample. A run of equal values keeps
 * only its first and last sample, so a quiet week costs a few points, not thousands.
 */
export class GaugeHistory {
  private readonly series = new Map<string, Sample[]>();

  constructor(
    private readonly keepMs = KEEP_MS,
    private readonly maxSamples = MAX_SAMPLES,
  ) {}

  add(series: string, at: number, value: number | null): void {
    let samples = this.series.get(series);
    if (!samples) this.series.set(series, (samples = []));
    const last = samples.at(-1);
    // Out of order (a re-sent snapshot of an older read): history only moves forward.
    if (last && at < last.at) return;
    const beforeLast = samples.at(-2);
    if (last && beforeLast && last.value === value && beforeLast.value === value)
      samples[samples.length - 1] = { at, value };
    else samples.push({ at, value });
    const tooOld = samples.findIndex((s) => s.at >= at - this.keepMs);
    if (tooOld > 0) samples.splice(0, tooOld);
    if (samples.length > this.maxSamples) samples.splice(0, samples.length - this.maxSamples);
  }

  /**
   * Nothing more is known after `at` (the page stopped listening): the last value is
   * known to have held until then, and the line breaks there.
   */
  interrupt(series: string, at: number): void {
    const last = this.series.get(series)?.at(-1);
    if (last === undefined || last.value === null) return;
    if (at > last.at) this.add(series, at, last.value);
    this.add(series, at, null);
  }

  /**
   * The series over [from, …): its samples from `from` on, led by the value it held at
   * `from` when one is known. `complete` says whether the page has watched since `from`.
   */
  since(series: string, from: number): { samples: readonly Sample[]; complete: boolean } {
    const all = this.series.get(series) ?? [];
    const first = all.findIndex((s) => s.at >= from);
    const inside = first < 0 ? [] : all.slice(first);
    const before = first < 0 ? all.at(-1) : first > 0 ? all[first - 1] : undefined;
    if (before === undefined) return { samples: inside, complete: false };
    return { samples: [{ at: from, value: before.value }, ...inside], complete: true };
  }
}
