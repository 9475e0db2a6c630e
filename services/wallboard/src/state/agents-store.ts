import { computed, signal, type Signal } from '@preact/signals';
import { agentsCsvName, type AgentsAnswer, type AgentsApi } from '../api/agents-api';
import { ApiError } from '../api/api-client';
import type { Session } from '../api/session';
import { agentTeams } from '../agents/agent-teams';
import {
  AGENTS_BY_NAME,
  buildAgentRows,
  sortAgentRows,
  type AgentRow,
  type AgentSort,
  type AgentSortColumn,
} from '../agents/agent-rows';
import { agentsFailure } from '../agents/agents-failure';
import type { JobFailure } from '../jobs/job-failure';
import type { Schedule } from '../jobs/job-run';
import { nextSort } from '../teams/sort-team-rows';
import { PolledView } from './polled-view';
import { resolveView } from './resolve-view';

/** What the table is of: one team's agents, over one window. */
export interface AgentsQuery {
  /** Null while the session offers no team (nothing has happened in the longest window). */
  readonly team: string | null;
  readonly window: string;
}

/** A query with a team: the only kind the gateway is asked. */
interface TeamQuery extends AgentsQuery {
  readonly team: string;
}

/** A file for the browser to save. */
export interface AgentsFile {
  readonly blob: Blob;
  readonly name: string;
}

/**
 * The Agents page's state: the team and window, the latest answer and how the latest
 * refresh went. It lives as long as the sign-in, so the choices survive a visit to the
 * board; it asks the gateway only while the page is shown ({@link show}).
 */
export class AgentsStore {
  readonly query: Signal<AgentsQuery>;
  readonly sort = signal<AgentSort>(AGENTS_BY_NAME);
  /** The answer of the query shown; null until the first arrives for it. */
  readonly answer: Signal<AgentsAnswer | null>;
  /** Why the latest refresh failed; the answer shown, if any, is older than it should be. */
  readonly problem: Signal<JobFailure | null>;
  readonly loading: Signal<boolean>;
  /** The teams offered: a team asked for in the address joins them. */
  readonly teams: Signal<readonly string[]>;
  /** The helpdesk's ticket page, for the drill-down's links; null until read, or without one. */
  readonly ticketUrl = signal<string | null>(null);
  readonly rows = computed<readonly AgentRow[]>(() => {
    const answer = this.answer.value;
    return answer === null ? [] : sortAgentRows(buildAgentRows(answer), this.sort.value);
  });
  readonly windows: readonly string[];
  /** A team-limited token's teams: it is offered those only. */
  readonly limitedTo: readonly string[] | null;
  private ticketUrlAsked = false;
  private readonly view: PolledView<TeamQuery, AgentsAnswer>;

  constructor(
    readonly api: AgentsApi,
    private readonly session: Session,
    private readonly unauthorized: () => void = () => undefined,
    schedule?: Schedule,
  ) {
    this.view = new PolledView({
      // No team yet: nothing to ask until one has tickets.
      query: () => {
        const { team, window } = this.query.value;
        return team === null ? null : { team, window };
      },
      ask: ({ team, window }) => this.api.agents(window, team),
      failure: agentsFailure,
      unauthorized,
      schedule,
    });
    this.answer = this.view.answer;
    this.problem = this.view.problem;
    this.loading = this.view.loading;
    this.windows = session.windows;
    this.limitedTo = session.teams;
    this.teams = signal(agentTeams(session, null));
    // The window the board would start with, so the pages agree at first.
    const window = resolveView({}, session).window;
    this.query = signal({ team: this.teams.value[0] ?? null, window });
  }

  /**
   * Asks now and then every 30 s ({@link PolledView}) until the returned function is
   * called; `team` is the one the address names, shown when this token may read it.
   */
  show(team: string | null = null): () => void {
    const hide = this.view.show();
    this.loadTicketUrl();
    if (team !== null && team !== this.query.value.team && this.offer(team)) this.choose({ team });
    else void this.refresh();
    return hide;
  }

  dispose(): void {
    this.view.dispose();
  }

  /** Another team or window: the old rows go at once (they would sit under the new title). */
  choose(change: Partial<AgentsQuery>): void {
    const query = { ...this.query.value, ...change };
    if (query.team !== null && !this.teams.value.includes(query.team)) return;
    if (!this.windows.includes(query.window)) return;
    this.view.replace(() => (this.query.value = query));
  }

  sortBy(column: AgentSortColumn): void {
    this.sort.value = nextSort(this.sort.value, column);
  }

  refresh(): Promise<void> {
    return this.view.refresh();
  }

  /** The table shown as CSV (the same route with `format=csv`), named as the gateway names it. */
  async csvFile(): Promise<AgentsFile> {
    const { team, window } = this.query.value;
    if (team === null) throw new Error('no team chosen');
    try {
      return { blob: await this.api.csv(window, team), name: agentsCsvName(window, team) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.unauthorized();
      throw error;
    }
  }

  /** Whether the team may be offered: any for an unlimited token, its own for a limited one. */
  private offer(team: string): boolean {
    const teams = agentTeams(this.session, team);
    if (!teams.includes(team)) return false;
    if (teams.length !== this.teams.value.length) this.teams.value = teams;
    return true;
  }

  /** Reads the ticket-page template of the document in force, once; no links without it. */
  private loadTicketUrl(): void {
    if (this.ticketUrlAsked) return;
    this.ticketUrlAsked = true;
    this.api.ticketUrl().then(
      (url) => (this.ticketUrl.value = url),
      () => {
        // Ticket ids then show as text; the next sign-in asks again.
      },
    );
  }
}
