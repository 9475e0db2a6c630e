import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';
import type { ClockKind } from '../contract/vocabulary.js';
import type { CountedCode, DurationCode, GaugeCode, ScoreCode } from './metric-codes.js';
import { dimensionValues } from './metric-dimensions.js';

/**
 * One contribution of a ticket to the windows: `code` happened at `at` (event time), with
 * a value for measured codes (ms for durations, the score for surveys).
 */
export type MetricFact =
  | { readonly code: CountedCode; readonly at: Instant }
  | { readonly code: DurationCode | ScoreCode; readonly at: Instant; readonly value: number };

/** Everything a ticket contributes to the metrics, as of `now`. */
export interface TicketMetrics {
  /** The ticket's dimension values (metric-dimensions.ts, DIMENSIONS order). */
  readonly dims: readonly string[];
  readonly facts: readonly MetricFact[];
  readonly gauges: readonly GaugeCode[];
  /**
   * Who opened the ticket about what, and when: the store counts it as a repeat contact
   * when the same requester opened another ticket of the same category in the 7 days
   * before. Null without a requester or a category.
   */
  readonly contact: {
    readonly requester: string;
    readonly category: string;
    readonly at: Instant;
  } | null;
}

const NOTHING: TicketMetrics = { dims: [], facts: [], gauges: [], contact: null };

/** The fact of a met clock, by kind (also counted for Prometheus: ticket-counts.ts). */
export const MET: Readonly<Record<ClockKind, CountedCode>> = {
  firstResponse: 'mf',
  nextResponse: 'mn',
  resolution: 'mr',
  periodicUpdate: 'mu',
  pausableUpdate: 'mp',
  requesterWait: 'mw',
  agentWork: 'mk',
};
/** The fact of a breached clock, by kind. */
export const BREACHED: Readonly<Record<ClockKind, CountedCode>> = {
  firstResponse: 'bf',
  nextResponse: 'bn',
  resolution: 'br',
  periodicUpdate: 'bu',
  pausableUpdate: 'bp',
  requesterWait: 'bw',
  agentWork: 'bk',
};
/** The gauge of an open ticket, by status. */
export const BACKLOG: Readonly<Partial<Record<TicketState['status'], GaugeCode>>> = {
  new: 'gn',
  open: 'go',
  pending: 'gp',
  on_hold: 'gh',
};

/**
 * The metric contributions of one ticket (docs/metrics.md), a pure function of its folded
 * state and `now`: the windows hold the sum of every ticket's contributions, and a
 * ticket's change is applied as the difference between its old and new contributions.
 * Durations are wall-clock; SLA outcomes count only for clocks with a target. A deleted
 * (or never created) ticket contributes nothing. Repeat contacts depend on other
 * tickets and are added by the store.
 */
export function ticketMetrics(t: TicketState, now: Instant, policies: PolicySet): TicketMetrics {
  const created = t.createdAt;
  if (created === null || t.deleted) return NOTHING;
  const facts: MetricFact[] = [{ code: 'c', at: created }];
  for (const at of t.replyTimes) facts.push({ code: 'rp', at });
  const firstReply = t.replyTimes[0];
  if (firstReply !== undefined)
    facts.push({ code: 'fr', at: firstReply, value: firstReply - created });
  for (const [start, reply] of t.answeredCycles)
    facts.push({ code: 'nr', at: reply, value: reply - start });
  for (const at of t.solveTimes) facts.push({ code: 'so', at });
  for (const at of t.reopenTimes) facts.push({ code: 'ro', at });
  const done = t.status === 'solved' || t.status === 'closed';
  const lastSolve = t.solveTimes.at(-1);
  if (done && lastSolve !== undefined) {
    facts.push(
      { code: 'sv', at: lastSolve },
      { code: 'rs', at: lastSolve, value: lastSolve - created },
    );
    if (t.publicAgentComments === 1 && t.reopens === 0) facts.push({ code: 'fc', at: lastSolve });
  }
  if (t.escalatedAt !== null)
    facts.push({ code: 'es', at: t.escalatedAt, value: t.escalatedAt - created });
  for (const s of t.surveys) {
    if (s.kind === 'csat') {
      facts.push({ code: 'cs', at: s.at, value: s.score });
      if (s.score >= 4) facts.push({ code: 'cp', at: s.at });
    } else {
      facts.push({ code: 'np', at: s.at, value: s.score });
      if (s.score >= 9) facts.push({ code: 'pp', at: s.at });
      if (s.score <= 6) facts.push({ code: 'pd', at: s.at });
    }
  }
  const gauges: GaugeCode[] = [];
  const backlog = done ? undefined : BACKLOG[t.status];
  if (backlog) gauges.push(backlog);
  let openBreached = false;
  // Clocks without a target (no policy, or one that does not target the kind) are not
  // shown and count in no SLA figure, exactly as in the TicketView.
  for (const clock of clocksOf(t)) {
    const e = evaluateClock(clock, now, policies);
    if (e === null) continue;
    if (e.state === 'met') facts.push({ code: MET[clock.kind], at: clock.stoppedAt! });
    if (e.state === 'breached') {
      facts.push({ code: BREACHED[clock.kind], at: e.breachedAt! });
      if (clock.stoppedAt === null) openBreached = true;
    }
    if (e.atRisk !== null) gauges.push('ga');
  }
  if (openBreached) gauges.push('gb');
  const { requesterId: requester, category } = t.fields;
  const contact =
    requester !== undefined && category !== undefined ? { requester, category, at: created } : null;
  return { dims: dimensionValues(t, policies.dimensionFold), facts, gauges, contact };
}
