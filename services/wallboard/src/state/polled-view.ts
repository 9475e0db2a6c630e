import { batch, signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { JobFailure } from '../jobs/job-failure';
import { timers, type Schedule } from '../jobs/job-run';

/**
 * How often a polled page asks again while shown. The figures are rolling windows of at
 * least 15 minutes, so a faster pace would show little more for the requests each time.
 */
export const REFRESH_MS = 30_000;

/** What a {@link PolledView} asks, and how it reads what goes wrong. */
export interface PolledViewOptions<Q, A> {
  /** The query in force, or null when there is nothing to ask (no team yet). */
  readonly query: () => Q | null;
  readonly ask: (query: Q) => Promise<A>;
  /** How a failed refresh reads on the page. */
  readonly failure: (error: unknown) => JobFailure;
  /** The token was refused: the sign-in is over, so no further refresh is scheduled. */
  readonly unauthorized: () => void;
  readonly schedule?: Schedule;
}

/**
 * The answer of a page that asks the gateway again every {@link REFRESH_MS} while shown
 * (Teams, Agents). An answer that arrives after a newer query, or after the page is hidden,
 * is dropped: it would otherwise show the old query's rows under the new title.
 */
export class PolledView<Q, A> {
  /** The answer of the query shown; null until the first arrives for it. */
  readonly answer = signal<A | null>(null);
  /** Why the latest refresh failed; the answer shown, if any, is older than it should be. */
  readonly problem = signal<JobFailure | null>(null);
  /** A refresh is on its way. */
  readonly loading = signal(false);
  private generation = 0;
  private shown = false;
  private cancelTimer: (() => void) | null = null;
  private readonly schedule: Schedule;

  constructor(private readonly options: PolledViewOptions<Q, A>) {
    this.schedule = options.schedule ?? timers;
  }

  /**
   * From now until the returned function is called, each answer schedules the next ask.
   * The caller asks the first time itself: a page may first change its query.
   */
  show(): () => void {
    this.shown = true;
    return () => this.dispose();
  }

  dispose(): void {
    this.shown = false;
    this.stop();
  }

  /** Another query (set by `change`): the old answer goes at once, and, if shown, it is asked. */
  replace(change: () => void): void {
    batch(() => {
      change();
      this.answer.value = null;
      this.problem.value = null;
    });
    if (this.shown) void this.refresh();
  }

  async refresh(): Promise<void> {
    this.stop();
    const query = this.options.query();
    if (query === null) return;
    const generation = this.generation;
    this.loading.value = true;
    try {
      const answer = await this.options.ask(query);
      if (generation !== this.generation) return;
      batch(() => {
        this.answer.value = answer;
        this.problem.value = null;
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.value = this.options.failure(error);
      if (error instanceof ApiError && error.status === 401) {
        this.options.unauthorized();
        return;
      }
    } finally {
      if (generation === this.generation) this.loading.value = false;
    }
    if (this.shown)
      this.cancelTimer = this.schedule(REFRESH_MS, () => {
        this.cancelTimer = null;
        void this.refresh();
      });
  }

  /** Drops the timer and any answer still on its way. */
  private stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.generation++;
    this.loading.value = false;
  }
}
