import { withTimeout } from './with-timeout.js';

/**
 * Gathers items that arrive from callbacks (Kafka messages, finished jobs) and lets a test
 * await "at least n have arrived" as an event rather than by polling or sleeping.
 */
export class Collector<T> {
  /** Everything pushed so far, in arrival order. */
  readonly items: T[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  /** Records an item and wakes the waiters it satisfies. */
  push(item: T): void {
    this.items.push(item);
    const ready = this.waiters.filter((w) => this.items.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.items.length < w.count);
    for (const waiter of ready) waiter.resolve();
  }

  /** Resolves with the items once at least `count` have arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number, what = `${count} items`): Promise<T[]> {
    if (this.items.length < count) {
      const arrived = new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
      await withTimeout(arrived, timeoutMs, `${what} (got ${this.items.length})`);
    }
    return [...this.items];
  }
}
