import type { Instant } from '../time/instant.js';
import type { CalendarLookup } from './calendar-lookup.js';
import type { Clock } from './clock.js';

/** Business milliseconds the clock has spent up to instant `t`. */
export function spentMs(clock: Clock, t: Instant, calendars: CalendarLookup): number {
  let total = 0;
  const { segments } = clock;
  for (const run of clock.runs) {
    const end = run.to === null ? t : Math.min(run.to, t);
    if (end <= run.from) continue;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const segEnd = segments[i + 1]?.from ?? Infinity;
      const from = Math.max(run.from, seg.from);
      const to = Math.min(end, segEnd);
      if (to > from) total += calendars(seg.calendar).businessMsBetween(from, to);
    }
  }
  return total;
}

/**
 * When the clock's spent time reaches `amount` under its current target: `instant` is the
 * first instant (from `targetSince` on) at which it is running with spent >= amount, i.e.
 * the deadline for amount = target. It is null while the clock is paused or stopped short
 * of it. `projected` is where the last, closed run would have crossed had it gone on: the
 * deadline a met clock beat.
 */
export function crossing(
  clock: Clock,
  amount: number,
  calendars: CalendarLookup,
): { instant: Instant | null; projected: Instant | null } {
  const since = clock.targetSince;
  let spent = spentMs(clock, since, calendars);
  if (spent >= amount) return { instant: since, projected: null };
  const calendar = calendars(clock.segments.at(-1)!.calendar);
  let projected: Instant | null = null;
  for (const run of clock.runs) {
    if (run.to !== null && run.to <= since) continue;
    const from = Math.max(run.from, since);
    const need = amount - spent;
    const at = calendar.addBusinessMs(from, need);
    // A run that ends exactly at the crossing was not running past it: met, not breached.
    if (run.to === null || (at !== null && at < run.to)) return { instant: at, projected: null };
    projected = at;
    spent += calendar.businessMsBetween(from, run.to);
  }
  return { instant: null, projected };
}

/** The deadline of a clock with a target that has not breached yet (see `crossing`). */
export const deadlineOf = (clock: Clock, calendars: CalendarLookup) =>
  clock.target === null
    ? { instant: null, projected: null }
    : crossing(clock, clock.target, calendars);

/** The breach instant as of `t`, or null: a settled breach, or a deadline passed before `t`. */
export function breachAsOf(clock: Clock, t: Instant, calendars: CalendarLookup): Instant | null {
  if (clock.breachedAt !== null) return clock.breachedAt;
  if (clock.target === null) return null;
  const { instant } = deadlineOf(clock, calendars);
  return instant !== null && instant < t ? instant : null;
}
