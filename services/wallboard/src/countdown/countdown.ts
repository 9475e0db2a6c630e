import { alwaysOpenCalendar, type BusinessCalendar } from '@slawatch/core';
import type { ListedClock } from '@slawatch/wire';

/** How an at-risk clock is shown: ticking, frozen outside business hours, paused, or due. */
export type CountdownState = 'running' | 'out-of-hours' | 'paused' | 'breaching';

export interface Countdown {
  readonly state: CountdownState;
  /** Business milliseconds left; null when the server gave no figure (paused, bad date). */
  readonly remainingMs: number | null;
  /** Next opening of the calendar, when out of hours. */
  readonly opensAt: number | null;
  /** The policy's calendar was unknown, so wall-clock time is shown instead. */
  readonly wallTime: boolean;
}

/**
 * The countdown of an at-risk clock at `now`, in the business time of its policy's
 * calendar, so it stands still outside opening hours exactly as the server's clock does.
 * A clock whose calendar is unknown counts wall-clock time (and says so). A clock past its
 * deadline is `breaching` until the server's next update takes it off the list.
 */
export function countdown(
  clock: Pick<ListedClock, 'at' | 'state' | 'remainingSeconds'>,
  calendar: BusinessCalendar | undefined,
  now: number,
): Countdown {
  const wallTime = calendar === undefined;
  if (clock.state === 'paused') {
    const seconds = clock.remainingSeconds;
    return {
      state: 'paused',
      remainingMs: typeof seconds === 'number' ? Math.max(0, seconds) * 1000 : null,
      opensAt: null,
      wallTime,
    };
  }
  const deadline = clock.at === null ? Number.NaN : Date.parse(clock.at);
  if (!Number.isFinite(deadline))
    return { state: 'running', remainingMs: null, opensAt: null, wallTime };
  if (now >= deadline) return { state: 'breaching', remainingMs: 0, opensAt: null, wallTime };
  const cal = calendar ?? alwaysOpenCalendar;
  const remainingMs = cal.businessMsBetween(now, deadline);
  if (!cal.isOpen(now))
    return { state: 'out-of-hours', remainingMs, opensAt: cal.nextOpening(now), wallTime };
  return { state: 'running', remainingMs, opensAt: null, wallTime };
}
