import type { ClockKind } from '../contract/vocabulary.js';
import type { Instant } from '../time/instant.js';

/** A stretch of wall-clock time during which the clock was running; `to` null = still running. */
export interface ClockRun {
  from: Instant;
  to: Instant | null;
}

/** From `from` on, the clock's time is measured on `calendar` (changes with the policy). */
export interface CalendarSegment {
  readonly from: Instant;
  readonly calendar: string;
}

export type ClockOutcome = 'met' | 'breached' | 'cancelled';

/**
 * One SLA clock of a ticket, as the fold leaves it. It keeps its running stretches and the
 * calendars that measure them rather than a running total, because a policy change can
 * ask for the whole history to be measured again on another calendar (docs/events.md, "The clocks": "a clock
 * kind that had no target before gets one as if measured on the new calendar from its
 * start"). A ticket has a handful of stretches (one per pause), so this stays small.
 */
export interface Clock {
  readonly kind: ClockKind;
  /** nextResponse cycles count 1, 2, ...; the other kinds are 1. */
  readonly cycle: number;
  readonly startedAt: Instant;
  runs: ClockRun[];
  segments: CalendarSegment[];
  /** Target in ms from the policy in force; null when that policy does not target this kind. */
  target: number | null;
  /** When the current target took effect: the deadline is sought from here on. */
  targetSince: Instant;
  /** At-risk thresholds (fractions of the target) of the policy in force. */
  warnAt: readonly number[];
  stoppedAt: Instant | null;
  outcome: ClockOutcome | null;
  /**
   * A breach that is a settled fact: set when the clock stops after its deadline, or when
   * a policy change finds it already breached. A breach is never taken back by a later
   * policy change or a reopen.
   */
  breachedAt: Instant | null;
}

/** The policy settings a clock runs under. */
export interface ClockSettings {
  readonly target: number | null;
  readonly calendar: string;
  readonly warnAt: readonly number[];
}

/** A new clock, running from `at` unless `running` is false. */
export function startClock(
  kind: ClockKind,
  cycle: number,
  at: Instant,
  settings: ClockSettings,
  running = true,
): Clock {
  return {
    kind,
    cycle,
    startedAt: at,
    runs: running ? [{ from: at, to: null }] : [],
    segments: [{ from: at, calendar: settings.calendar }],
    target: settings.target,
    targetSince: at,
    warnAt: settings.warnAt,
    stoppedAt: null,
    outcome: null,
    breachedAt: null,
  };
}

export const isRunning = (clock: Clock): boolean => clock.runs.at(-1)?.to === null;
export const isStopped = (clock: Clock): boolean => clock.stoppedAt !== null;
