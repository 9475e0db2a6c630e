import {
  decodeCompact,
  DEFAULT_FORECAST_HORIZON_MS,
  foldTicket,
  forecastTicket,
  longestWindowMs,
  queueAhead,
  sampleCount,
  ticketView,
  waitingSince,
  type ClockKind,
  type ForecastBasis,
  type PolicySet,
  type Priority,
  type SourceHistograms,
  type TicketView,
  type WaitingTicket,
} from '@slawatch/core';
import type { MetricWindows } from '../metrics/metric-windows.js';
import type { TicketStore } from '../tickets/ticket-store.js';
import type { TimerQueue } from '../timers/timer-queue.js';

/** One running clock likely to breach soon, as `GET /api/v1/forecast` lists it. */
export interface ForecastEntry {
  readonly ticketId: string;
  readonly team: string | null;
  readonly queue: string | null;
  readonly priority: Priority;
  readonly policy: string | null;
  readonly customerTier: string | null;
  readonly clock: ClockKind;
  readonly cycle: number;
  readonly deadline: string;
  /** 0..1: the share of like clocks that, with this much time left, did not finish in time. */
  readonly probability: number;
  /** Whose recent durations it reads: the team's, else the priority's, else everyone's. */
  readonly basis: ForecastBasis;
  readonly samples: number;
  /** Tickets of the team waiting for a reply that go before it; null when it waits for none. */
  readonly ahead: number | null;
}

/** Every clock forecast at one moment, most likely first (then soonest deadline). */
export interface Forecast {
  readonly computedAt: number;
  readonly horizonMs: number;
  readonly entries: readonly ForecastEntry[];
  /** Tickets with a timer due within two horizons that were read (at most the scan limit). */
  readonly scanned: number;
  /** True when more tickets had a timer due than the scan limit let it read. */
  readonly truncated: boolean;
}

export interface ForecastBoardDeps {
  readonly store: TicketStore;
  readonly metrics: MetricWindows;
  readonly timers: Pick<TimerQueue, 'due'>;
  readonly policies: PolicySet;
  readonly now: () => number;
}

/** Tickets read per forecast unless told otherwise (SLAWATCH_LIST_SCAN_LIMIT's default). */
export const DEFAULT_FORECAST_SCAN_LIMIT = 5000;

/** How long a forecast is served before it is computed again. */
export const FORECAST_REFRESH_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;
/** Tickets read per Redis round trip. */
const LOAD_BATCH = 500;

const pace = (h: SourceHistograms | undefined) =>
  (h?.fr ? sampleCount(h.fr) : 0) + (h?.nr ? sampleCount(h.nr) : 0);

/**
 * The breach forecast of the open clocks (core's `forecastTicket`), computed at most once a
 * minute and only when asked, so its cost does not grow with the clients that ask:
 * - the clocks: those of tickets with a timer (warning, deadline) due within two hours,
 *   from the timer sets (at most `scanLimit` tickets, earliest first). A running clock due
 *   within the hour has its deadline timer there, and so do the tickets that go before it;
 * - the recent durations: the rolling metrics' first response, next response and
 *   resolution histograms over the last 7 days (or the longest window kept), per team, per
 *   priority and overall, and each team's replies over the last hour for its pace;
 * - the queue: among those tickets, the team's waiting for a reply (`queueAhead`).
 */
export class ForecastBoard {
  private latest: Forecast | null = null;
  private computing: Promise<Forecast> | null = null;

  constructor(
    private readonly deps: ForecastBoardDeps,
    private readonly scanLimit: number,
    private readonly horizonMs: number = DEFAULT_FORECAST_HORIZON_MS,
  ) {}

  /** The forecast of the last minute, computed now if older (one computation at a time). */
  async current(): Promise<Forecast> {
    const now = this.deps.now();
    if (this.latest && now - this.latest.computedAt < FORECAST_REFRESH_MS) return this.latest;
    this.computing ??= this.compute(now).finally(() => (this.computing = null));
    this.latest = await this.computing;
    return this.latest;
  }

  private async compute(now: number): Promise<Forecast> {
    const { store, metrics, timers, policies } = this.deps;
    const due = await timers.due(now + 2 * this.horizonMs, this.scanLimit + 1);
    const ids = [...new Set(due.slice(0, this.scanLimit).map((d) => d.ticketId))];
    const tickets: {
      view: TicketView;
      team: string | null;
      queue: string | null;
      priority: Priority;
      customerTier: string | null;
    }[] = [];
    for (let i = 0; i < ids.length; i += LOAD_BATCH) {
      const records = await store.load(ids.slice(i, i + LOAD_BATCH));
      for (const record of records.values()) {
        if (record.version === 0) continue;
        const events = record.history.map((c) => decodeCompact(record.ticketId, c));
        const state = foldTicket(record.ticketId, events, policies, now);
        const view = ticketView(state, now, policies);
        if (view === null) continue;
        tickets.push({
          view,
          team: state.fields.team ?? null,
          queue: state.fields.queue ?? null,
          priority: state.fields.priority,
          customerTier: state.fields.customerTier ?? null,
        });
      }
    }
    const windowMs = Math.min(WEEK_MS, longestWindowMs(policies.metrics));
    const [byTeam, byPriority, all, lastHour] = await Promise.all([
      metrics.durationHistograms({ windowMs, dimension: 'team' }, now),
      metrics.durationHistograms({ windowMs, dimension: 'priority' }, now),
      metrics.durationHistograms({ windowMs, dimension: 'all' }, now),
      metrics.durationHistograms({ windowMs: HOUR_MS, dimension: 'team' }, now),
    ]);
    const waiting = new Map<string | null, WaitingTicket[]>();
    const waitOf = new Map<string, WaitingTicket>();
    for (const { view, team, priority } of tickets) {
      const since = waitingSince(view);
      if (since === null) continue;
      const w = { ticketId: view.ticketId, priority, since };
      waitOf.set(view.ticketId, w);
      const list = waiting.get(team) ?? [];
      list.push(w);
      waiting.set(team, list);
    }
    const entries: ForecastEntry[] = [];
    for (const { view, team, queue, priority, customerTier } of tickets) {
      const mine = waitOf.get(view.ticketId);
      const teamKey = team ?? '-';
      const ahead = mine ? queueAhead(waiting.get(team) ?? [], mine) : null;
      const forecasts = forecastTicket(
        view,
        now,
        { team: byTeam.get(teamKey), priority: byPriority.get(priority), all: all.get('*') },
        {
          horizonMs: this.horizonMs,
          queue:
            ahead === null ? undefined : { ahead, answeredPerHour: pace(lastHour.get(teamKey)) },
        },
      );
      for (const f of forecasts)
        entries.push({
          ticketId: view.ticketId,
          team,
          queue,
          priority,
          policy: view.policy,
          customerTier,
          clock: f.kind,
          cycle: f.cycle,
          deadline: new Date(f.deadline).toISOString(),
          probability: f.probability,
          basis: f.basis,
          samples: f.samples,
          ahead,
        });
    }
    entries.sort(
      (a, b) =>
        b.probability - a.probability ||
        a.deadline.localeCompare(b.deadline) ||
        a.ticketId.localeCompare(b.ticketId),
    );
    return {
      computedAt: now,
      horizonMs: this.horizonMs,
      entries,
      scanned: ids.length,
      truncated: due.length > this.scanLimit,
    };
  }
}
