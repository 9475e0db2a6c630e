import { formatInstant } from '@slawatch/core';

export interface ProgressFigures {
  readonly pages: number;
  readonly events: number;
  readonly tickets: number;
  /** The export's position: the next page's start (ms), or null before the first page. */
  readonly reached: number | null;
}

/** Where progress goes: plain lines (a log, CI), or one bar redrawn in place (a terminal). */
export interface ProgressOutput {
  line(text: string): void;
  /** Redraws the bar's line; absent, every report is a line of its own. */
  redraw?(text: string): void;
}

const BAR_WIDTH = 24;

/** `[#########---------------]`: the share `done` (0..1) of the export read. */
export function progressBar(done: number, width = BAR_WIDTH): string {
  const full = Math.round(Math.min(1, Math.max(0, done)) * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

/**
 * A terminal's progress output: the bar is redrawn on one line (`\r`, the rest of the line
 * cleared), and a line of text first ends the bar's line so nothing is overwritten.
 */
export function terminalProgress(stream: { write(text: string): unknown }): ProgressOutput {
  let drawn = false;
  return {
    line(text) {
      stream.write(`${drawn ? '\n' : ''}${text}\n`);
      drawn = false;
    },
    redraw(text) {
      stream.write(`\r${text}\u001b[K`);
      drawn = true;
    },
  };
}

/**
 * Progress for standard error, at most once a second (`interval`): pages, events,
 * tickets, the time reached, and an estimate of the time left from the pace so far over
 * the span between the start and now. On a terminal it is a bar redrawn in place; in a
 * log, a line each time.
 */
export class ImportProgress {
  private last = -Infinity;
  private readonly startedAt: number;
  private readonly startReached: number;

  constructor(
    /** The time the export starts from (ms): the `--from`, or where a resumed run stood. */
    private readonly from: number,
    private readonly output: ProgressOutput,
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
    const text = progressLine(figures, this.startReached, this.startedAt, now);
    if (!this.output.redraw) return this.output.line(text);
    const done = figures.reached === null ? 0 : shareDone(figures.reached, this.startReached, now);
    this.output.redraw(`${progressBar(done)} ${text}`);
    // The last report stays on screen as a line of its own.
    if (force) this.output.line('');
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
  const done = shareDone(reached, from, now);
  const elapsed = now - startedAt;
  const left = done > 0 && done < 1 ? (elapsed * (1 - done)) / done : null;
  return (
    `${head}; reached ${formatInstant(Math.floor(reached / 1000) * 1000)} ` +
    `(${(done * 100).toFixed(0)}%)` +
    (left === null ? '' : `, about ${formatDuration(left)} left`)
  );
}

/** The share of the span from `from` to `now` that the export has read, 0..1. */
function shareDone(reached: number, from: number, now: number): number {
  return Math.min(1, Math.max(0, (Math.min(reached, now) - from) / Math.max(1, now - from)));
}

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
