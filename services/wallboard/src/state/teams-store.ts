import { batch, computed, signal, type Signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { Session } from '../api/session';
import type { TeamsApi } from '../api/teams-api';
import type { JobFailure } from '../jobs/job-failure';
import type { Schedule } from '../jobs/job-run';
import {
  BY_NAME,
  nextSort,
  sortTeamRows,
  type RowSort,
  type SortColumn,
} from '../teams/sort-team-rows';
import { buildTeamRows, type TeamRow, type TeamsAnswers } from '../teams/team-rows';
import { dimensionsFor, type TeamsDimension } from '../teams/teams-dimension';
import { teamsFailure } from '../teams/teams-failure';
import { DEFAULT_TREND, trendSpec, type TrendChoice } from '../teams/trend-choices';
import { resolveView } from './resolve-view';

/** What the table is of: one window, by one dimension. */
export interface TeamsQuery {
  readonly dimension: TeamsDimension;
  readonly window: string;
}

/**
 * How often the page asks again while shown. The figures are rolling windows of at least
 * 15 minutes, so a faster pace would show little more for four requests each time.
 */
export const REFRESH_MS = 30_000;

const timers: Schedule = (ms, task) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

/**
 * The Teams page's state: the choices, the latest answers and how the latest refresh went.
 * It lives as long as the sign-in, so the choices survive a visit to the board; it asks the
 * gateway only while the page is shown ({@link show}).
 */
export class TeamsStore {
  readonly query: Signal<TeamsQuery>;
  readonly trend = signal<TrendChoice>(DEFAULT_TREND);
  readonly sort = signal<RowSort>(BY_NAME);
  /** The answers of the query shown; null until the first arrives for it. */
  readonly answers = signal<TeamsAnswers | null>(null);
  /** Why the latest refresh failed; the answers shown, if any, are older than they should be. */
  readonly problem = signal<JobFailure | null>(null);
  /** A refresh is on its way. */
  readonly loading = signal(false);
  /** The rows as shown: built from the answers, in the order asked for. */
  readonly rows = computed<readonly TeamRow[]>(() => {
    const answers = this.answers.value;
    if (answers === null) return [];
    return sortTeamRows(buildTeamRows(answers, trendSpec(this.trend.value)), this.sort.value);
  });
  readonly dimensions: readonly TeamsDimension[];
  readonly windows: readonly string[];
  /** A team-limited token's teams: it sees their rows only, and no all row. */
  readonly teams: readonly string[] | null;
  private generation = 0;
  private shown = false;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly api: TeamsApi,
    session: Session,
    private readonly unauthorized: () => void = () => undefined,
    private readonly schedule: Schedule = timers,
  ) {
    this.dimensions = dimensionsFor(session);
    this.windows = session.windows;
    this.teams = session.teams;
    // The window the board would start with, so the two pages agree at first.
    this.query = signal({ dimension: 'team', window: resolveView({}, session).window });
  }

  /** Asks now and then every {@link REFRESH_MS} until the returned function is called. */
  show(): () => void {
    this.shown = true;
    void this.refresh();
    return () => {
      this.shown = false;
      this.stop();
    };
  }

  dispose(): void {
    this.shown = false;
    this.stop();
  }

  /** Another window or dimension: the old rows go at once (they would sit under the new title). */
  choose(change: Partial<TeamsQuery>): void {
    const query = { ...this.query.value, ...change };
    if (!this.dimensions.includes(query.dimension) || !this.windows.includes(query.window)) return;
    batch(() => {
      this.query.value = query;
      this.answers.value = null;
      this.problem.value = null;
    });
    if (this.shown) void this.refresh();
  }

  sortBy(column: SortColumn): void {
    this.sort.value = nextSort(this.sort.value, column);
  }

  /** One refresh: the dimension and, for a token that may read it, `all`, both with trends. */
  async refresh(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const { dimension, window } = this.query.value;
    const withAll = this.teams === null;
    this.loading.value = true;
    try {
      const [metrics, trend, allMetrics, allTrend] = await Promise.all([
        this.api.metrics(window, dimension),
        this.api.trend(window, dimension),
        withAll ? this.api.metrics(window, 'all') : null,
        withAll ? this.api.trend(window, 'all') : null,
      ]);
      if (generation !== this.generation) return;
      const all = allMetrics && allTrend ? { metrics: allMetrics, trend: allTrend } : null;
      batch(() => {
        this.answers.value = { dimension, window, metrics, trend, all };
        this.problem.value = null;
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.value = teamsFailure(error);
      if (error instanceof ApiError && error.status === 401) {
        this.unauthorized();
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
