import type { ClockKind } from '../contract/vocabulary.js';
import { crossing, deadlineOf } from '../clock/clock-measure.js';
import { isRunning } from '../clock/clock.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from './ticket-state.js';

/** An instant at which something must be checked without waiting for another event. */
export interface ClockTimer {
  readonly ticketId: string;
  readonly kind: 'deadline' | 'warning' | 'reminder';
  readonly clock: ClockKind;
  readonly cycle: number;
  readonly at: Instant;
  /** For warnings: the `warnAt` fraction crossed at `at`. */
  readonly threshold?: number;
  /** For reminders: how long after the deadline (ms). */
  readonly after?: number;
}

/**
 * The deadlines, at-risk instants and reminder instants (after the deadline, while the
 * clock keeps running) of the ticket's running clocks; a settled breach needs no timer. The shell turns each into a delayed job; when one
 * fires it folds the ticket again as of that instant, because the deadline may have moved.
 */
export function ticketTimers(state: TicketState, policies: PolicySet): ClockTimer[] {
  if (state.createdAt === null || state.deleted) return [];
  const timers: ClockTimer[] = [];
  for (const clock of clocksOf(state)) {
    if (clock.target === null || clock.breachedAt !== null || !isRunning(clock)) continue;
    const deadline = deadlineOf(clock, policies.calendar).instant;
    if (deadline === null) continue;
    const base = { ticketId: state.ticketId, clock: clock.kind, cycle: clock.cycle };
    for (const threshold of clock.warnAt) {
      const at = crossing(clock, Math.ceil(threshold * clock.target), policies.calendar).instant;
      if (at !== null && at < deadline) timers.push({ ...base, kind: 'warning', at, threshold });
    }
    timers.push({ ...base, kind: 'deadline', at: deadline });
    for (const after of policies.alerting.reminders)
      timers.push({ ...base, kind: 'reminder', at: deadline + after, after });
  }
  return timers;
}
