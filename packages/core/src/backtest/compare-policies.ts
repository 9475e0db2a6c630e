import type { AcceptedEvent } from '../contract/ticket-event.js';
import { CLOCK_KINDS, type ClockKind } from '../contract/vocabulary.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { foldTicket } from '../ticket/fold-ticket.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';

/** Met and breached clocks of one kind, and met ÷ (met + breached) (null: none finished). */
export interface Outcomes {
  readonly met: number;
  readonly breached: number;
  readonly attainment: number | null;
}

/** One row of a breakdown: a team, a priority or a policy, and a clock kind. */
export interface BacktestRow {
  readonly value: string;
  readonly clock: ClockKind;
  readonly before: Outcomes;
  readonly after: Outcomes;
}

/** A clock whose outcome in the window differs between the two documents. */
export interface ClockChange {
  readonly clock: ClockKind;
  readonly cycle: number;
  /** `met`, `breached`, or `none` (no outcome in the window: not targeted, running, ...). */
  readonly before: OutcomeName;
  readonly after: OutcomeName;
}

export type OutcomeName = 'met' | 'breached' | 'none';

export interface ChangedTicket {
  readonly ticketId: string;
  readonly team: string | null;
  readonly priority: string;
  readonly policyBefore: string | null;
  readonly policyAfter: string | null;
  readonly changes: readonly ClockChange[];
}

/** What the candidate document would have changed over a window of history. */
export interface BacktestReport {
  readonly from: Instant;
  readonly until: Instant;
  readonly tickets: number;
  /** Every clock kind together, before and after. */
  readonly overall: { readonly before: Outcomes; readonly after: Outcomes };
  readonly byTeam: readonly BacktestRow[];
  readonly byPriority: readonly BacktestRow[];
  /** By the policy in force under each document (before: the current one's ids). */
  readonly byPolicy: readonly BacktestRow[];
  /** Tickets with a clock whose outcome changes, by id, at most `maxChanged`. */
  readonly changed: readonly ChangedTicket[];
  /** How many tickets changed in all (more than `changed` holds when capped). */
  readonly changedCount: number;
}

export interface BacktestWindow {
  /** Outcomes at or after this instant count. */
  readonly from: Instant;
  /** Outcomes up to this instant count; events after it are not folded. */
  readonly until: Instant;
  /** The most changed tickets listed (default 1,000). */
  readonly maxChanged?: number;
  /**
   * Only tickets of these teams at the window's end (a team-limited caller); absent or
   * null: every ticket.
   */
  readonly teams?: readonly string[] | null;
}

const DEFAULT_MAX_CHANGED = 1000;
const NO_TEAM = '(no team)';

/** Each clock's outcome in the window, by `kind:cycle`, with the ticket's policy. */
function outcomesOf(state: TicketState, window: BacktestWindow, policies: PolicySet) {
  const out = new Map<string, { clock: ClockKind; cycle: number; outcome: OutcomeName }>();
  for (const clock of clocksOf(state)) {
    const e = evaluateClock(clock, window.until, policies);
    let outcome: OutcomeName = 'none';
    // A breach counts at its breach instant, a met clock when it stopped (docs/metrics.md).
    if (e?.state === 'breached' && e.breachedAt !== null && e.breachedAt >= window.from)
      outcome = 'breached';
    else if (e?.state === 'met' && clock.stoppedAt !== null && clock.stoppedAt >= window.from)
      outcome = 'met';
    out.set(`${clock.kind}:${clock.cycle}`, { clock: clock.kind, cycle: clock.cycle, outcome });
  }
  return out;
}

class Tally {
  private readonly rows = new Map<string, { met: number; breached: number }[]>();

  add(value: string, clock: ClockKind, side: 0 | 1, outcome: OutcomeName): void {
    if (outcome === 'none') return;
    const key = `${value}\u0000${clock}`;
    let pair = this.rows.get(key);
    if (!pair) this.rows.set(key, (pair = [zero(), zero()]));
    pair[side]![outcome] += 1;
  }

  list(): BacktestRow[] {
    return [...this.rows]
      .map(([key, [before, after]]) => {
        const [value, clock] = key.split('\u0000') as [string, ClockKind];
        return { value, clock, before: outcomes(before!), after: outcomes(after!) };
      })
      .sort(
        (a, b) =>
          (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) ||
          CLOCK_KINDS.indexOf(a.clock) - CLOCK_KINDS.indexOf(b.clock),
      );
  }
}

const zero = () => ({ met: 0, breached: 0 });
const outcomes = (o: { met: number; breached: number }): Outcomes => ({
  ...o,
  attainment: o.met + o.breached === 0 ? null : o.met / (o.met + o.breached),
});

/**
 * A what-if backtest, pure: every ticket's history folded under the document in force
 * (`current`) and under the `candidate`, as of `window.until`, and the clock outcomes that
 * fall in the window compared, by team, priority and policy, with the tickets whose
 * outcomes change. A ticket's team and priority are those it has at the window's end
 * under the current document (the two folds share them: documents do not change fields).
 */
export function comparePolicies(
  histories: ReadonlyMap<string, readonly AcceptedEvent[]>,
  current: PolicySet,
  candidate: PolicySet,
  window: BacktestWindow,
): BacktestReport {
  const steps = comparisonSteps(histories, current, candidate, window);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** How far a comparison has come: tickets compared of all. */
export interface ComparisonProgress {
  readonly done: number;
  readonly of: number;
}

/** Tickets compared between two progress steps of {@link comparisonSteps}. */
const COMPARE_STEP = 200;

/**
 * {@link comparePolicies} one step at a time, for a server that must keep answering while
 * it works (the gateway's backtest jobs): it yields its progress before the first ticket
 * and every 200 tickets; its return value is the report. The caller may stop at any step.
 */
export function* comparisonSteps(
  histories: ReadonlyMap<string, readonly AcceptedEvent[]>,
  current: PolicySet,
  candidate: PolicySet,
  window: BacktestWindow,
): Generator<ComparisonProgress, BacktestReport, void> {
  const byTeam = new Tally();
  const byPriority = new Tally();
  const byPolicy = new Tally();
  const overall = [zero(), zero()];
  const changed: ChangedTicket[] = [];
  let changedCount = 0;
  let tickets = 0;
  const max = window.maxChanged ?? DEFAULT_MAX_CHANGED;
  const teams = window.teams ? new Set(window.teams) : null;
  const ids = [...histories.keys()].sort();
  for (let done = 0; done < ids.length; done++) {
    if (done % COMPARE_STEP === 0) yield { done, of: ids.length };
    const ticketId = ids[done]!;
    const events = histories.get(ticketId)!;
    const before = foldTicket(ticketId, events, current, window.until);
    if (before.createdAt === null || before.deleted) continue;
    if (teams && !teams.has(before.fields.team ?? '')) continue;
    const after = foldTicket(ticketId, events, candidate, window.until);
    tickets += 1;
    const team = before.fields.team ?? NO_TEAM;
    const priority = before.fields.priority;
    const sides = [
      [0, outcomesOf(before, window, current), before.policyId ?? '(no policy)'],
      [1, outcomesOf(after, window, candidate), after.policyId ?? '(no policy)'],
    ] as const;
    for (const [side, clocks, policy] of sides)
      for (const { clock, outcome } of clocks.values()) {
        byTeam.add(team, clock, side, outcome);
        byPriority.add(priority, clock, side, outcome);
        byPolicy.add(policy, clock, side, outcome);
        if (outcome !== 'none') overall[side]![outcome] += 1;
      }
    const changes: ClockChange[] = [];
    for (const key of new Set([...sides[0][1].keys(), ...sides[1][1].keys()])) {
      const b = sides[0][1].get(key);
      const a = sides[1][1].get(key);
      const was = b?.outcome ?? 'none';
      const is = a?.outcome ?? 'none';
      if (was !== is)
        changes.push({ clock: (b ?? a)!.clock, cycle: (b ?? a)!.cycle, before: was, after: is });
    }
    if (changes.length === 0) continue;
    changedCount += 1;
    if (changed.length < max)
      changed.push({
        ticketId,
        team: before.fields.team ?? null,
        priority,
        policyBefore: before.policyId,
        policyAfter: after.policyId,
        changes,
      });
  }
  return {
    from: window.from,
    until: window.until,
    tickets,
    overall: { before: outcomes(overall[0]!), after: outcomes(overall[1]!) },
    byTeam: byTeam.list(),
    byPriority: byPriority.list(),
    byPolicy: byPolicy.list(),
    changed,
    changedCount,
  };
}
