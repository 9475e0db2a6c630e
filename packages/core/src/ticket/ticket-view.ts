import type { ClockKind, TicketStatus } from '../contract/vocabulary.js';
import { deadlineOf, crossing, spentMs } from '../clock/clock-measure.js';
import { isRunning, type Clock } from '../clock/clock.js';
import type { PolicySet } from '../policy/policy-set.js';
import { formatInstant, type Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from './ticket-state.js';

export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

/** One clock as the contract shows it (docs/events.md, "The ticket view"). */
export interface ClockView {
  kind: ClockKind;
  cycle: number;
  state: ClockState;
  startedAt: string;
  deadline: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
  targetSeconds: number;
  spentSeconds: number;
  /** Extension: the highest at-risk threshold a running clock has reached, else null. */
  atRisk: number | null;
}

/** A ticket's SLA state as the contract shows it everywhere (simulate, REST, live stream). */
export interface TicketView {
  ticketId: string;
  policy: string | null;
  status: TicketStatus;
  clocks: ClockView[];
}

const iso = (t: Instant | null): string | null => (t === null ? null : formatInstant(t));

/** The clock's state and deadline as of `at`, or null when it is not shown (no target). */
export function evaluateClock(
  clock: Clock,
  at: Instant,
  policies: PolicySet,
): {
  state: ClockState;
  deadline: Instant | null;
  breachedAt: Instant | null;
  atRisk: number | null;
} | null {
  if (clock.target === null) return null;
  if (clock.breachedAt !== null)
    return {
      state: 'breached',
      deadline: clock.breachedAt,
      breachedAt: clock.breachedAt,
      atRisk: null,
    };
  const { instant, projected } = deadlineOf(clock, policies.calendar);
  if (clock.outcome !== null) {
    const deadline = isRunningAtStop(clock) ? projected : null;
    return { state: clock.outcome, deadline, breachedAt: null, atRisk: null };
  }
  if (instant !== null && instant < at)
    return { state: 'breached', deadline: instant, breachedAt: instant, atRisk: null };
  if (!isRunning(clock)) return { state: 'paused', deadline: null, breachedAt: null, atRisk: null };
  let atRisk: number | null = null;
  for (const w of clock.warnAt) {
    const reached = crossing(clock, Math.ceil(w * clock.target), policies.calendar).instant;
    if (reached !== null && reached <= at) atRisk = w;
  }
  return { state: 'running', deadline: instant, breachedAt: null, atRisk };
}

// A clock stopped while paused had no deadline at that moment.
const isRunningAtStop = (clock: Clock): boolean => clock.runs.at(-1)?.to === clock.stoppedAt;

/** The contract's view of the ticket as of `at`; null for a ticket never created or deleted. */
export function ticketView(
  state: TicketState,
  at: Instant,
  policies: PolicySet,
): TicketView | null {
  if (state.createdAt === null || state.deleted) return null;
  const clocks: ClockView[] = [];
  for (const clock of clocksOf(state)) {
    const e = evaluateClock(clock, at, policies);
    if (e === null) continue;
    const until = clock.stoppedAt === null ? at : Math.min(clock.stoppedAt, at);
    clocks.push({
      kind: clock.kind,
      cycle: clock.cycle,
      state: e.state,
      startedAt: formatInstant(clock.startedAt),
      deadline: iso(e.deadline),
      stoppedAt: iso(clock.stoppedAt),
      breachedAt: iso(e.breachedAt),
      targetSeconds: Math.round(clock.target! / 1000),
      spentSeconds: Math.floor(spentMs(clock, until, policies.calendar) / 1000),
      atRisk: e.atRisk,
    });
  }
  return { ticketId: state.ticketId, policy: state.policyId, status: state.status, clocks };
}
