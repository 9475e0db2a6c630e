import { computed, signal, type Signal } from '@preact/signals';
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
import { PolledView } from './polled-view';
import { resolveView } from './resolve-view';

/** What the table is of: one window, by one dimension. */
export interface TeamsQuery {
  readonly dimension: TeamsDimension;
  readonly window: string;
}

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
  readonly answers: Signal<TeamsAnswers | null>;
  /** Why the latest refresh failed; the answers shown, if any, are older than they should be. */
  readonly problem: Signal<JobFailure | null>;
  /** A refresh is on its way. */
  readonly loading: Signal<boolean>;
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
  private readonly view: PolledView<TeamsQuery, TeamsAnswers>;

  constructor(
    private readonly api: TeamsApi,
    session: Session,
    unauthorized: () => void = () => undefined,
    schedule?: Schedule,
  ) {
    this.view = new PolledView({
      query: () => this.query.value,
      ask: (query) => this.ask(query),
      failure: teamsFailure,
      unauthorized,
      schedule,
    });
    this.answers = this.view.answer;
    this.problem = this.view.problem;
    this.loading = this.view.loading;
    this.dimensions = dimensionsFor(session);
    this.windows = session.windows;
    this.teams = session.teams;
    // The window the board would start with, so the two pages agree at first.
    this.query = signal({ dimension: 'team', window: resolveView({}, session).window });
  }

  /** Asks now and then every 30 s ({@link PolledView}) until the returned function is called. */
  show(): () => void {
    const hide = this.view.show();
    void this.refresh();
    return hide;
  }

  dispose(): void {
    this.view.dispose();
  }

  /** Another window or dimension: the old rows go at once (they would sit under the new title). */
  choose(change: Partial<TeamsQuery>): void {
    const query = { ...this.query.value, ...change };
    if (!this.dimensions.includes(query.dimension) || !this.windows.includes(query.window)) return;
    this.view.replace(() => (this.query.value = query));
  }

  sortBy(column: SortColumn): void {
    this.sort.value = nextSort(this.sort.value, column);
  }

  refresh(): Promise<void> {
    return this.view.refresh();
  }

  /** One refresh: the dimension and, for a token that may read it, `all`, both with trends. */
  private async ask({ dimension, window }: TeamsQuery): Promise<TeamsAnswers> {
    const withAll = this.teams === null;
    const [metrics, trend, allMetrics, allTrend] = await Promise.all([
      this.api.metrics(window, dimension),
      this.api.trend(window, dimension),
      withAll ? this.api.metrics(window, 'all') : null,
      withAll ? this.api.trend(window, 'all') : null,
    ]);
    const all = allMetrics && allTrend ? { metrics: allMetrics, trend: allTrend } : null;
    return { dimension, window, metrics, trend, all };
  }
}
