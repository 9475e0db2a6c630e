import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** How long a scrape waits for Redis to count the due timers. */
const COUNT_TIMEOUT_MS = 2000;

/**
 * The alerter's own Prometheus series: timers checked because due, how late, and how
 * many are due and not yet checked (counted in Redis at each scrape).
 */
export class AlerterMetrics {
  private readonly fired: Counter;
  private readonly lateness: Histogram;

  /** `countDue` counts the timers due now; without it there is no due-timers gauge. */
  constructor(
    registry: Registry | undefined,
    countDue: (() => Promise<number>) | undefined,
    onCountError: (error: unknown) => void,
  ) {
    const registers = registry ? [registry] : [];
    this.fired = new Counter({
      name: 'slawatch_alerter_timers_fired_total',
      help: 'Deadline and warning timers this alerter checked because they were due.',
      registers,
    });
    this.lateness = new Histogram({
      name: 'slawatch_alerter_timer_lateness_seconds',
      help: 'Time from the instant a timer was due to the end of its check.',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    if (!countDue) return;
    let failing = false;
    new Gauge({
      name: 'slawatch_alerter_due_timers',
      help: 'Timers due and not yet checked, in the shared due set (the same for every alerter).',
      registers,
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        try {
          this.set(
            await Promise.race([
              countDue(),
              new Promise<never>((_, reject) => {
                timer = setTimeout(
                  () => reject(new Error('Redis did not answer')),
                  COUNT_TIMEOUT_MS,
                );
              }),
            ]),
          );
          failing = false;
        } catch (error) {
          // The last count stands; the scrape goes on without Redis, logged once per outage.
          if (!failing) onCountError(error);
          failing = true;
        } finally {
          clearTimeout(timer);
        }
      },
    });
  }

  /** A round checked these due timers (`at`: due instant, ms), finishing at `checkedAt`. */
  checked(due: readonly { readonly at: number }[], checkedAt: number): void {
    this.fired.inc(due.length);
    for (const { at } of due) this.lateness.observe(Math.max(0, checkedAt - at) / 1000);
  }
}
