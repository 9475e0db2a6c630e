import { crossing } from '../clock/clock-measure.js';
import type { Clock } from '../clock/clock.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';
import { alertMark, type AlertTransition } from './alert-transition.js';

const markOf = (clock: Clock, what: string) => alertMark(clock.kind, clock.cycle, what);

/**
 * The alert transitions of a ticket as of `at` that are not yet in `announced` (the marks
 * recorded so far). Breaches and at-risk crossings are announced once; a clock that stops
 * (met, solved, deleted) after an alert is announced resolved; a breach announced earlier
 * that a late event turned into a met clock is announced corrected.
 */
export function alertTransitions(
  state: TicketState,
  at: Instant,
  policies: PolicySet,
  announced: ReadonlySet<string>,
): AlertTransition[] {
  if (state.createdAt === null) return [];
  const out: AlertTransition[] = [];
  // Clocks that had any alert announced: `<clock>:<cycle>` of every mark.
  const alertedClocks = new Set([...announced].map((m) => m.split(':', 2).join(':')));
  for (const clock of clocksOf(state)) {
    const base = { ticketId: state.ticketId, clock: clock.kind, cycle: clock.cycle };
    const alerted = alertedClocks.has(`${clock.kind}:${clock.cycle}`);
    const e = state.deleted ? null : evaluateClock(clock, at, policies);
    const push = (t: Omit<AlertTransition, 'ticketId' | 'clock' | 'cycle'>) => {
      if (!announced.has(t.mark)) out.push({ ...base, ...t });
    };
    if (e?.state === 'breached') {
      push({
        type: 'sla.breached',
        mark: markOf(clock, 'breached'),
        time: e.breachedAt!,
        deadline: e.breachedAt,
      });
    } else if (e?.state === 'running' && clock.target !== null) {
      for (const threshold of clock.warnAt) {
        const reached = crossing(
          clock,
          Math.ceil(threshold * clock.target),
          policies.calendar,
        ).instant;
        if (reached !== null && reached <= at)
          push({
            type: 'sla.at_risk',
            mark: markOf(clock, `at_risk:${threshold}`),
            time: reached,
            deadline: e.deadline,
            threshold,
          });
      }
    }
    if (announced.has(markOf(clock, 'breached')) && e !== null && e.state !== 'breached')
      push({
        type: 'sla.corrected',
        mark: markOf(clock, 'corrected'),
        time: at,
        deadline: e.deadline,
      });
    const ended = state.deleted || clock.stoppedAt !== null;
    if (ended && (alerted || out.some((t) => t.clock === clock.kind && t.cycle === clock.cycle)))
      push({
        type: 'sla.resolved',
        mark: markOf(clock, 'resolved'),
        time: state.deleted ? state.deletedAt! : clock.stoppedAt!,
        deadline: e?.deadline ?? null,
      });
  }
  return out;
}
