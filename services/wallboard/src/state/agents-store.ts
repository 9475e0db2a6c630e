import { batch, computed, signal, type Signal } from '@preact/signals';
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
import { resolveView } from './resolve-view';

/** What the table is of: one team's agents, over one window. */
export interface AgentsQuery {
  /** Null while the session offers no team (nothing has happened in the longest window). */
  readonly team: string | null;
  readonly window: string;
}

/** A file for the browser to save. */
export interface AgentsFile {
  readonly blob: Blob;
  readonly name: string;
}

/** As often as the Teams page, and for the same reason (teams-store.ts). */
export const AGENTS_REFRESH_MS = 30_000;

const timers: Schedule = (ms, task) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

/**
 * The Agents page's state: the team and window, the latest answer and how the latest
 * refresh went. It lives as long as the sign-in, so the choices survive a visit to the
 * board; it asks the gateway only while the page is shown ({@link show}).
 */
export class AgentsStore {
  readonly query: Signal<AgentsQuery>;
  readonly sort = signal<AgentSort>(AGENTS_BY_NAME);
  /** The answer of the query shown; null until the first arrives for it. */
  readonly answer = signal<AgentsAnswer | null>(null);
  /** Why the latest refresh failed; the answer shown, if any, is older than it should be. */
  readonly problem = signal<JobFailure | null>(null);
  readonly loading = signal(false);
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
  private generation = 0;
  private shown = false;
  private ticketUrlAsked = false;
  private cancelTimer: (() => void) | null = null;

  constructor(
    readonly api: AgentsApi,
    private readonly session: Session,
    private readonly unauthorized: () => void = () => undefined,
    private readonly schedule: Schedule = timers,
  ) {
    this.windows = session.windows;
    this.limitedTo = session.teams;
    this.teams = signal(agentTeams(session, null));
    // The window the board would start with, so the pages agree at first.
    const window = resolveView({}, session).window;
    this.query = signal({ team: this.teams.value[0] ?? null, window });
  }

  /**
   * Asks now and then every {@link AGENTS_REFRESH_MS} until the returned function is
   * called; `team` is the one the address names, shown when this token may read it.
   */
  show(team: string | null = null): () => void {
    this.shown = true;
    this.loadTicketUrl();
    if (team !== null && team !== this.query.value.team && this.offer(team)) this.choose({ team });
    else void this.refresh();
    return () => {
      this.shown = false;
      this.stop();
    };
  }

  dispose(): void {
    this.shown = false;
    this.stop();
  }

  /** Another team or window: the old rows go at once (they would sit under the new title). */
  choose(change: Partial<AgentsQuery>): void {
    const query = { ...this.query.value, ...change };
    if (query.team !== null && !this.teams.value.includes(query.team)) return;
    if (!this.windows.includes(query.window)) return;
    batch(() => {
      this.query.value = query;
      this.answer.value = null;
      this.problem.value = null;
    });
    if (this.shown) void this.refresh();
  }

  sortBy(column: AgentSortColumn): void {
    this.sort.value = nextSort(this.sort.value, column);
  }

  async refresh(): Promise<void> {
    this.stop();
    const { team, window } = this.query.value;
    if (team === null) return;
    const generation = this.generation;
    this.loading.value = true;
    try {
      const answer = await this.api.agents(window, team);
      if (generation !== this.generation) return;
      batch(() => {
        this.answer.value = answer;
        this.problem.value = null;
      });
    } catch (error) {
      if (generation !== this.generation) return;
      this.problem.value = agentsFailure(error);
      if (error instanceof ApiError && error.status === 401) {
        this.unauthorized();
        return;
      }
    } finally {
      if (generation === this.generation) this.loading.value = false;
    }
    if (this.shown)
      this.cancelTimer = this.schedule(AGENTS_REFRESH_MS, () => {
        this.cancelTimer = null;
        void this.refresh();
      });
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

  /** Drops the timer and any answer still on its way. */
  private stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.generation++;
    this.loading.value = false;
  }
}
