import { DateTime, IANAZone } from 'luxon';
import type { CalendarSpec, TimeRange, Weekday } from '../../src/calendar/index.js';

const WEEKDAY_BY_LUXON: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTES_PER_DAY = 1440;
const MARGIN_MINUTES = 2 * MINUTES_PER_DAY;

/**
 * A slow, obviously correct model of a calendar over a window of whole UTC minutes, built
 * straight from the contract's sentences rather than from the engine's algorithm:
 * - the wall-clock reading of every UTC minute is asked of luxon, one minute at a time;
 * - a local time means the first minute whose reading it is; a local time no minute reads
 *   (a gap) means the minute the clocks jump at plus how far into the gap it lies;
 * - a minute is open when some period of some local day contains it.
 * Every bound is a whole minute in the zones used, so minutes are exact.
 */
export class ReferenceCalendar {
  private readonly open: boolean[] = [];

  constructor(
    spec: CalendarSpec,
    readonly startMinute: number,
    readonly endMinute: number,
  ) {
    const zone = IANAZone.create(spec.timezone);
    const firstMinute = startMinute - MARGIN_MINUTES;
    const readings: number[] = [];
    for (let minute = firstMinute; minute < endMinute + MARGIN_MINUTES; minute++) {
      readings.push(minute + zone.offset(minute * 60_000));
    }
    const firstShowing = new Map<number, number>();
    readings.forEach((reading, index) => {
      if (!firstShowing.has(reading)) firstShowing.set(reading, firstMinute + index);
    });
    const resolve = (local: number): number => {
      const shown = firstShowing.get(local);
      if (shown !== undefined) return shown;
      for (let index = 1; index < readings.length; index++) {
        const before = readings[index - 1]! + 1;
        if (before <= local && local < readings[index]!)
          return firstMinute + index + (local - before);
      }
      throw new Error(`local minute ${local} is outside the reference window`);
    };
    for (let minute = startMinute; minute < endMinute; minute++) this.open.push(false);
    const firstDay = Math.ceil(Math.min(...readings) / MINUTES_PER_DAY);
    const lastDay = Math.floor(Math.max(...readings) / MINUTES_PER_DAY) - 1;
    for (let day = firstDay; day <= lastDay; day++) {
      for (const range of hoursOn(spec, day)) {
        const from = Math.max(resolve(day * MINUTES_PER_DAY + range.start), startMinute);
        const to = Math.min(resolve(day * MINUTES_PER_DAY + range.end), endMinute);
        for (let minute = from; minute < to; minute++) this.open[minute - startMinute] = true;
      }
    }
  }

  isOpen(minute: number): boolean {
    const open = this.open[minute - this.startMinute];
    if (open === undefined) throw new Error(`minute ${minute} is outside the reference window`);
    return open;
  }

  /** Open minutes in [from, to). */
  between(from: number, to: number): number {
    let count = 0;
    for (let minute = from; minute < to; minute++) if (this.isOpen(minute)) count++;
    return count;
  }

  /** Walks forward counting open minutes; undefined when the window ends first. */
  add(from: number, amount: number): number | undefined {
    let remaining = amount;
    for (let minute = from; minute < this.endMinute; minute++) {
      if (!this.isOpen(minute)) continue;
      if (remaining === 0) return minute;
      remaining--;
    }
    return undefined;
  }
}

/** The periods of local day `day` (days since 1970-01-01): a holiday's, else the weekday's. */
function hoursOn(spec: CalendarSpec, day: number): readonly TimeRange[] {
  const date = DateTime.fromMillis(day * 86_400_000, { zone: 'utc' });
  const dated = spec.holidays.find(
    (holiday) =>
      holiday.kind === 'dated' &&
      holiday.year === date.year &&
      holiday.month === date.month &&
      holiday.day === date.day,
  );
  const recurring = spec.holidays.find(
    (holiday) =>
      holiday.kind === 'recurring' && holiday.month === date.month && holiday.day === date.day,
  );
  const holiday = dated ?? recurring;
  if (holiday !== undefined) return holiday.hours ?? [];
  return spec.weekly[WEEKDAY_BY_LUXON[date.weekday - 1]!] ?? [];
}
