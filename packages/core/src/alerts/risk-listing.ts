import { spentMs } from '../clock/clock-measure.js';
import type { ClockKind } from '../contract/vocabulary.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';

/**
 * Where a clock that went at risk belongs on the wallboard's list now: `running` (at risk,
 * with its deadline), `paused` (waiting on the customer past a threshold, with the business
 * time it has left), or nowhere (met, breached, stopped, deleted).
 */
export type RiskListing =
  | {
      readonly clock: ClockKind;
      readonly cycle: number;
      readonly state: 'running';
      readonly deadline: Instant;
    }
  | {
      readonly clock: ClockKind;
      readonly cycle: number;
      readonly state: 'paused';
      readonly remainingMs: number;
    }
  | { readonly clock: ClockKind; readonly cycle: number; readonly state: null };

/**
 * The listing of every clock of the ticket that was announced at risk (an `at_risk` mark
 * in `announced`), as of `at`: only those can be on the lists, so a ticket that never went
 * at risk costs nothing. Taken from the state, not the transitions, so the lists follow a
 * clock that resumes after a pause or whose deadline moves (a priority or policy change).
 */
export function riskListing(
  state: TicketState,
  at: Instant,
  policies: PolicySet,
  announced: readonly string[],
): RiskListing[] {
  const warned = new Set<string>();
  for (const mark of announced) {
    const [clock, cycle, what] = mark.split(':');
    if (what === 'at_risk') warned.add(`${clock}:${cycle}`);
  }
  if (warned.size === 0) return [];
  const out: RiskListing[] = [];
  for (const clock of clocksOf(state)) {
    if (!warned.has(`${clock.kind}:${clock.cycle}`)) continue;
    const base = { clock: clock.kind, cycle: clock.cycle };
    const e = state.deleted ? null : evaluateClock(clock, at, policies);
    if (e?.state === 'running' && e.atRisk !== null && e.deadline !== null)
      out.push({ ...base, state: 'running', deadline: e.deadline });
    else if (e?.state === 'paused' && clock.target !== null && clock.warnAt.length > 0) {
      const spent = spentMs(clock, at, policies.calendar);
      if (spent >= Math.ceil(clock.warnAt[0]! * clock.target))
        out.push({ ...base, state: 'paused', remainingMs: clock.target - spent });
      else out.push({ ...base, state: null });
    } else out.push({ ...base, state: null });
  }
  return out;
}
