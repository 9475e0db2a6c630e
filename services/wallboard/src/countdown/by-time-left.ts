import type { ListedClock } from '@slawatch/wire';
import type { Countdown } from './countdown';

/** A row of the at-risk list with its countdown as of the current second. */
export interface TimedClock {
  readonly clock: ListedClock;
  readonly countdown: Countdown;
}

/**
 * Soonest first by business time left (what the supervisor must act on first), then by
 * deadline; clocks without a figure go last.
 */
export function byTimeLeft(a: TimedClock, b: TimedClock): number {
  const left = (t: TimedClock) => t.countdown.remainingMs ?? Number.POSITIVE_INFINITY;
  const diff = left(a) - left(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  const at = (t: TimedClock) => t.clock.at ?? '';
  return at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0;
}
