import type { AcceptedEvent } from '../contract/ticket-event.js';
import type { ClockKind, Priority } from '../contract/vocabulary.js';
import { DURATIONS } from '../metrics/metric-codes.js';
import { NONE } from '../metrics/metric-dimensions.js';
import {
  summarizeMetrics,
  type DurationStats,
  type MetricValues,
} from '../metrics/metric-summary.js';
import { repeatContacts } from '../metrics/repeat-contacts.js';
import { ticketMetrics, type MetricFact } from '../metrics/ticket-metrics.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { foldTicket } from '../ticket/fold-ticket.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';

/** What a report may be broken down by: the metric dimensions and the customer. */
export const REPORT_DIMENSIONS = [
  'team',
  'queue',
  'policy',
  'priority',
  'customerTier',
  'customerId',
  'assignee',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** A closed period, `from` included, `to` not. */
export interface ReportPeriod {
  readonly from: Instant;
  readonly to: Instant;
}

export interface ReportOptions extends ReportPeriod {
  /** One row per value of this; null: the whole period only. */
  readonly by: ReportDimension | null;
  /** Breached clocks listed at most (default 10,000); `breachedCount` counts them all. */
  readonly maxBreached?: number;
  /**
   * Only tickets of these teams at each period's end (a team-limited caller); absent or
   * null: every ticket.
   */
  readonly teams?: readonly string[] | null;
}

/** One clock that breached in the period, with the ticket's values at the period's end. */
export interface BreachedClock {
  readonly ticketId: string;
  readonly clock: ClockKind;
  readonly cycle: number;
  readonly breachedAt: Instant;
  readonly team: string | null;
  readonly priority: Priority;
  readonly policy: string | null;
  readonly customerId: string | null;
  readonly customerTier: string | null;
  readonly assignee: string | null;
}

/** A period's figures (docs/metrics.md) and the same of the period of equal length before. */
export interface ReportFigures {
  readonly value: string;
  /** The metrics of the period; `now` is the backlog, open breaches and at risk at its end. */
  readonly period: MetricValues;
  readonly previous: MetricValues;
}

export interface PeriodReport {
  readonly from: Instant;
  readonly to: Instant;
  /** The previous period: `previousFrom` to `from`. */
  readonly previousFrom: Instant;
  readonly by: ReportDimension | null;
  readonly overall: ReportFigures;
  /** One per value of `by` with anything in either period, by value. */
  readonly rows: readonly ReportFigures[];
  /** By breach instant, then ticket. */
  readonly breached: readonly BreachedClock[];
  readonly breachedCount: number;
}

const DEFAULT_MAX_BREACHED = 10_000;
/** Tickets folded between two progress steps of {@link periodReportSteps}. */
const REPORT_STEP = 200;
const ALL = '*';

/** A dimension's value of a folded ticket: `-` when it has none (as in the metrics). */
function valueOf(t: TicketState, by: ReportDimension): string {
  const f = t.fields;
  const v =
    by === 'policy'
      ? t.policyId
      : by === 'assignee'
        ? f.assigneeId
        : by === 'priority'
          ? f.priority
          : f[by];
  return v ?? NONE;
}

/** The counters of one group: the live windows' fields, and every duration kept whole. */
class Group {
  readonly fields = new Map<string, number>();
  readonly durations = new Map<string, number[]>();

  add(field: string, by = 1): void {
    this.fields.set(field, (this.fields.get(field) ?? 0) + by);
  }

  /** A fact as the live windows count it (metric-codes.ts), a duration kept whole. */
  fact(f: MetricFact): void {
    if (!('value' in f)) return this.add(`${f.code}.n`);
    if (!(f.code in DURATIONS)) {
      this.add(`${f.code}.n`);
      return this.add(`${f.code}.s`, f.value);
    }
    this.add(`${f.code}.s`, f.value);
    let list = this.durations.get(f.code);
    if (!list) this.durations.set(f.code, (list = []));
    list.push(f.value);
    // summarizeMetrics counts a duration by its bins: one bin is enough, the percentiles
    // are taken exactly from the durations below.
    this.add(`${f.code}.b0`);
  }

  figures(policies: PolicySet): MetricValues {
    const m = summarizeMetrics(this.fields, policies.metrics);
    const exact = (code: string, stats: DurationStats): DurationStats => {
      const sorted = [...(this.durations.get(code) ?? [])].sort((a, b) => a - b);
      const rank = (q: number) =>
        sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]! / 1000;
      return { ...stats, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99) };
    };
    return {
      ...m,
      firstResponseTime: exact('fr', m.firstResponseTime),
      nextResponseTime: exact('nr', m.nextResponseTime),
      resolutionTime: exact('rs', m.resolutionTime),
      timeToEscalate: exact('es', m.timeToEscalate),
    };
  }
}

interface Counted {
  readonly groups: Map<string, Group>;
  readonly breached: BreachedClock[];
}

/**
 * Every ticket's contribution to one period, by value of `by` (and `*` for all): each
 * ticket folded from its whole history up to the period's end, its facts that happened in
 * the period counted as the live windows count them (docs/metrics.md), its gauges as of
 * the end, and repeat contacts among all the tickets given.
 */
function* countPeriod(
  histories: ReadonlyMap<string, readonly AcceptedEvent[]>,
  policies: PolicySet,
  period: ReportPeriod,
  by: ReportDimension | null,
  listBreaches: boolean,
  teams: ReadonlySet<string> | null,
): Generator<void, Counted, void> {
  const groups = new Map<string, Group>();
  const groupOf = (value: string) => {
    let g = groups.get(value);
    if (!g) groups.set(value, (g = new Group()));
    return g;
  };
  const breached: BreachedClock[] = [];
  const end = period.to - 1;
  const inPeriod = (at: Instant) => at >= period.from && at < period.to;
  // Requester and category to each ticket's creation: repeat contacts span tickets.
  const contacts = new Map<string, { ticketId: string; at: Instant; groups: Group[] }[]>();
  let n = 0;
  for (const [ticketId, events] of histories) {
    if (++n % REPORT_STEP === 0) yield;
    const state = foldTicket(ticketId, events, policies, end);
    const m = ticketMetrics(state, end, policies);
    if (m.dims.length === 0) continue;
    if (teams && !teams.has(state.fields.team ?? '')) continue;
    const mine = by === null ? [groupOf(ALL)] : [groupOf(ALL), groupOf(valueOf(state, by))];
    for (const f of m.facts) if (inPeriod(f.at)) for (const g of mine) g.fact(f);
    for (const gauge of m.gauges) for (const g of mine) g.add(gauge);
    if (m.contact) {
      const key = JSON.stringify([m.contact.requester, m.contact.category]);
      const list = contacts.get(key) ?? [];
      list.push({ ticketId, at: m.contact.at, groups: mine });
      contacts.set(key, list);
    }
    if (listBreaches)
      for (const clock of clocksOf(state)) {
        const e = evaluateClock(clock, end, policies);
        if (e?.state !== 'breached' || e.breachedAt === null || !inPeriod(e.breachedAt)) continue;
        breached.push({
          ticketId,
          clock: clock.kind,
          cycle: clock.cycle,
          breachedAt: e.breachedAt,
          team: state.fields.team ?? null,
          priority: state.fields.priority,
          policy: state.policyId,
          customerId: state.fields.customerId ?? null,
          customerTier: state.fields.customerTier ?? null,
          assignee: state.fields.assigneeId ?? null,
        });
      }
  }
  // A ticket created in the period whose requester opened another of the same category in
  // the 7 days before is a repeat contact, as the live windows count it.
  const repeats = new Map<string, boolean>();
  for (const list of contacts.values())
    repeatContacts(new Map(list.map((c) => [c.ticketId, c.at])), repeats);
  for (const list of contacts.values())
    for (const c of list)
      if (inPeriod(c.at) && repeats.get(c.ticketId) === true)
        for (const g of c.groups) g.add('rc.n');
  return { groups, breached };
}

const EMPTY = new Group();

/**
 * A report over a closed period, pure and exact (issue 21): every figure of
 * docs/metrics.md for the period as a whole and per value of `by`, each beside the period
 * of the same length just before, and the clocks that breached in it. It reads the whole
 * history given (a ticket created before the period is measured as it was), so a month's
 * report does not depend on the 7-day rolling windows; percentiles are exact (nearest rank
 * over every duration), not read from histograms.
 */
export function periodReport(
  histories: ReadonlyMap<string, readonly AcceptedEvent[]>,
  policies: PolicySet,
  options: ReportOptions,
): PeriodReport {
  const steps = periodReportSteps(histories, policies, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link periodReport} one step at a time, for a server that must keep answering while it
 * works (the gateway's report jobs): it yields its progress every 200 tickets folded (each
 * ticket is folded twice, for the period and the one before); its return value is the
 * report.
 */
export function* periodReportSteps(
  histories: ReadonlyMap<string, readonly AcceptedEvent[]>,
  policies: PolicySet,
  options: ReportOptions,
): Generator<{ readonly done: number; readonly of: number }, PeriodReport, void> {
  const { from, to, by } = options;
  const previousFrom = from - (to - from);
  const of = 2 * histories.size;
  const teams = options.teams ? new Set(options.teams) : null;
  let done = 0;
  yield { done, of };
  const count = function* (period: ReportPeriod, listBreaches: boolean) {
    const steps = countPeriod(histories, policies, period, by, listBreaches, teams);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      done += REPORT_STEP;
      yield { done, of };
    }
  };
  const now = yield* count({ from, to }, true);
  const before = yield* count({ from: previousFrom, to: from }, false);
  const figures = (value: string): ReportFigures => ({
    value,
    period: (now.groups.get(value) ?? EMPTY).figures(policies),
    previous: (before.groups.get(value) ?? EMPTY).figures(policies),
  });
  const values = new Set([...now.groups.keys(), ...before.groups.keys()]);
  values.delete(ALL);
  const breached = now.breached.sort(
    (a, b) => a.breachedAt - b.breachedAt || (a.ticketId < b.ticketId ? -1 : 1),
  );
  return {
    from,
    to,
    previousFrom,
    by,
    overall: figures(ALL),
    rows: by === null ? [] : [...values].sort().map(figures),
    breached: breached.slice(0, options.maxBreached ?? DEFAULT_MAX_BREACHED),
    breachedCount: breached.length,
  };
}
