import type { Instant } from '../time/instant.js';
import type { CalendarLookup } from './calendar-lookup.js';
import { breachAsOf, spentMs } from './clock-measure.js';
import { isRunning, type Clock, type ClockSettings } from './clock.js';

/** The kinds a solve meets; a solve cancels the others (response and update clocks). */
const endsBySolve = (clock: Clock): boolean =>
  clock.kind === 'resolution' || clock.kind === 'requesterWait' || clock.kind === 'agentWork';

/** Stops counting at `t` (a pause); a stopped or paused clock is left as it is. */
export function pauseClock(clock: Clock, t: Instant): void {
  const last = clock.runs.at(-1);
  if (last && last.to === null) last.to = t;
}

/** Counts again from `t`; a running or stopped clock is left as it is. */
export function resumeClock(clock: Clock, t: Instant): void {
  if (clock.stoppedAt !== null || isRunning(clock)) return;
  clock.runs.push({ from: t, to: null });
}

/**
 * Ends the clock at `t`. `by` says what ended it: a response or a solve/close. A clock
 * already past its deadline ends breached whatever ended it; otherwise a response or the
 * resolution's (requester wait's, agent work's) solve meets it, and a response or update
 * clock ended by solving or closing is cancelled (docs/events.md, "The clocks": solving or
 * closing; "Further clocks"). A clock without a target has no outcome.
 */
export function stopClock(
  clock: Clock,
  t: Instant,
  by: 'response' | 'solve' | 'delete',
  calendars: CalendarLookup,
): void {
  if (clock.stoppedAt !== null) return;
  const breach = by === 'delete' ? clock.breachedAt : breachAsOf(clock, t, calendars);
  pauseClock(clock, t);
  clock.stoppedAt = t;
  if (breach !== null) {
    clock.breachedAt = breach;
    clock.outcome = 'breached';
  } else if (
    clock.target !== null &&
    by !== 'delete' &&
    (by === 'response' || endsBySolve(clock))
  ) {
    clock.outcome = 'met';
  } else {
    clock.outcome = 'cancelled';
  }
}

/** A solved ticket reopened at `t`: the resolution clock resumes with the time already spent. */
export function reopenClock(clock: Clock, t: Instant, paused: boolean): void {
  if (clock.stoppedAt === null) return;
  clock.stoppedAt = null;
  clock.outcome = null;
  if (!paused) clock.runs.push({ from: t, to: null });
}

const sameSettings = (clock: Clock, s: ClockSettings): boolean =>
  clock.target === s.target &&
  clock.segments.at(-1)?.calendar === s.calendar &&
  clock.warnAt.length === s.warnAt.length &&
  clock.warnAt.every((w, i) => w === s.warnAt[i]);

/**
 * The policy in force changed at `t` (docs/events.md, "The clocks": policy changes). Ended clocks keep
 * their outcome. A clock already breached stays breached. A running or paused clock keeps
 * its spent time and goes on under the new target and calendar from `t`; one that had no
 * target is measured on the new calendar from its start; one whose spent time already
 * reaches the new target is breached at `t`.
 */
export function changeClockPolicy(
  clock: Clock,
  t: Instant,
  settings: ClockSettings,
  calendars: CalendarLookup,
): void {
  if (clock.stoppedAt !== null || sameSettings(clock, settings)) return;
  // A deadline at or before `t` was reached while running: that breach stands.
  if (clock.breachedAt === null) clock.breachedAt = breachAsOf(clock, t + 1, calendars);
  if (clock.breachedAt !== null) {
    // Settled: target and deadline stay as they were; only the measuring calendar moves on.
    clock.segments.push({ from: t, calendar: settings.calendar });
    return;
  }
  if (settings.target === null) {
    clock.target = null;
    clock.warnAt = settings.warnAt;
    return;
  }
  if (clock.target === null)
    clock.segments = [{ from: clock.startedAt, calendar: settings.calendar }];
  else clock.segments.push({ from: t, calendar: settings.calendar });
  clock.target = settings.target;
  clock.targetSince = t;
  clock.warnAt = settings.warnAt;
  if (spentMs(clock, t, calendars) >= settings.target) clock.breachedAt = t;
}
