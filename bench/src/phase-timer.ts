/** Wall time spent in named phases (awaited calls), summed over every call. */
export class PhaseTimer {
  readonly totals = new Map<string, { ms: number; calls: number }>();

  async time<T>(phase: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  add(phase: string, ms: number): void {
    const total = this.totals.get(phase) ?? { ms: 0, calls: 0 };
    total.ms += ms;
    total.calls += 1;
    this.totals.set(phase, total);
  }

  ms(phase: string): number {
    return this.totals.get(phase)?.ms ?? 0;
  }

  reset(): void {
    this.totals.clear();
  }
}
