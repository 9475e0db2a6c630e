/**
 * Counts by key and bin over a rolling window that ends at the instant it is moved to:
 * the facts dated in (instant - windowMs, instant], as a metric window holds them. Facts
 * come sorted by time and the window only moves forward, so each enters and leaves once.
 */
export class SlidingCounts<F extends { readonly at: number }> {
  private readonly counts = new Map<string, Map<string, number>>();
  private entered = 0;
  private left = 0;

  constructor(
    private readonly facts: readonly F[],
    private readonly windowMs: number,
    /** The (key, bin) pairs a fact counts under. */
    private readonly keysOf: (fact: F) => readonly (readonly [string, string])[],
  ) {}

  moveTo(instant: number): void {
    while (this.entered < this.facts.length && this.facts[this.entered]!.at <= instant)
      this.add(this.facts[this.entered++]!, 1);
    while (this.left < this.entered && this.facts[this.left]!.at <= instant - this.windowMs)
      this.add(this.facts[this.left++]!, -1);
  }

  /** The bins of `key` now (absent: no fact in the window). */
  get(key: string): ReadonlyMap<string, number> | undefined {
    return this.counts.get(key);
  }

  private add(fact: F, delta: number): void {
    for (const [key, bin] of this.keysOf(fact)) {
      let bins = this.counts.get(key);
      if (!bins) this.counts.set(key, (bins = new Map<string, number>()));
      const n = (bins.get(bin) ?? 0) + delta;
      if (n === 0) bins.delete(bin);
      else bins.set(bin, n);
    }
  }
}
