import { formatInstant } from '@slawatch/core';

export interface ProgressFigures {
  readonly pages: number;
  readonly events: number;
  readonly tickets: number;
  /** The export's position: the next page's start (ms), or null before the first page. */
  readonly reached: number | null;
}

/**
 * Progress lines for standard error, at most one a second (`interval`): pages, events,
 * tickets, the time reached, and an estimate of the time left from the pace so far over
 * the span between the start and now.
 */
export class ImportProgress {
  private last = -Infinity;
  private readonly startedAt: number;
  private readonly startReached: number;

  constructor(
    /** The time the export starts from (ms): the `--from`, or where a resumed run stood. */
    private readonly from: number,
    private readonly log: (line: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly interval = 1000,
  ) {
    this.startedAt = clock();
    this.startReached = from;
  }

  /** Logs `figures` unless a line went out less than a second ago (or `force`). */
  report(figures: ProgressFigures, force = false): void {
    const now = this.clock();
    if (!force && now - this.last < this.interval) return;
    this.last = now;
    this.log(progressLine(figures, this.startReached, this.startedAt, now));
  }
}

/** One progress line; pure, for tests. */
export function progressLine(
  figures: ProgressFigures,
  from: number,
  startedAt: number,
  now: number,
): string {
  const head = `${figures.pages} pages, ${figures.events} events, ${figures.tickets} tickets`;
  if (figures.reached === null) return head;
  const reached = Math.min(figures.reached, now);
  const span = Math.max(1, now - from);
  const done = Math.min(1, Math.max(0, (reached - from) / span));
  const elapsed = now - startedAt;
  const left = done > 0 && done < 1 ? (elapsed * (1 - done)) / done : null;
  return (
    `${head}; reached ${formatInstant(Math.floor(reached / 1000) * 1000)} ` +
    `(${(done * 100).toFixed(0)}%)` +
    (left === null ? '' : `, about ${formatDuration(left)} left`)
  );
}

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
