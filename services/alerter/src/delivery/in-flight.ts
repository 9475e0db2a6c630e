/**
 * At most `limit` tasks running at once; the others wait their turn, first come first
 * served. A receiver's batch jobs share one, so that however many batches a burst makes,
 * the receiver sees no more requests at once than with one job per notification.
 */
export class InFlight {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    else this.running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
