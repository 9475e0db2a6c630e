import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * How busy this process's event loop has been lately: the share of the last window of at
 * least `windowMs` it spent running rather than waiting. Measured only when asked (no
 * timer: an idle gateway pays nothing for it), so a window can be much longer than
 * `windowMs`; after a quiet spell it is the quiet spell, and the gateway counts as idle.
 */
export class EventLoopLoad {
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private last = 0;

  constructor(private readonly windowMs: number) {}

  /** The busy share (0 to 1) of the last window that ended. */
  busy(): number {
    const since = performance.eventLoopUtilization(this.mark);
    if (since.idle + since.active >= this.windowMs) {
      this.last = since.utilization;
      this.mark = performance.eventLoopUtilization();
    }
    return this.last;
  }
}
