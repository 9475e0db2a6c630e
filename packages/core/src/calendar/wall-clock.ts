import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE } from './civil-days.js';

const PROBE_SLOTS = 16;
/** The end of an en-US `longOffset` date: `GMT`, `GMT+01:00`, `GMT-03:30`, `GMT+00:53:28`. */
const OFFSET_NAME = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
/**
 * Spacing of the probes that prove a stretch free of offset changes: no zone changes its
 * offset twice within 5 days, the assumption {@link WallClock.steadyOffsetNear} already
 * makes. (Daily probes of every zone Node's ICU knows, 1850-2200: the closest changes are
 * 6 days apart, America/Noronha in October 2000, then 7, Asia/Gaza's predicted 2040.)
 */
const STEADY_PROBE_DAYS = 5;

/**
 * Turns local wall-clock times of one IANA zone into instants, with the contract's rules:
 * a local time inside a spring-forward gap means the instant the clocks jump to plus the
 * rest of the gap, and one that occurs twice (fall back) means its first occurrence.
 *
 * Local times are "local milliseconds": the wall-clock reading written as if it were UTC
 * (`dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE`).
 *
 * Luxon's `DateTime.fromObject` is not used for this: it resolves gaps the same way but
 * picks an occurrence in a fall-back overlap from its offset guess, which gives the second
 * occurrence in Europe/Berlin and the first in Australia/Lord_Howe. Offsets come from ICU
 * (the `longOffset` time zone name, exact to the second for any instant) and the rules are
 * applied here.
 */
export class WallClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly probeDays = new Float64Array(PROBE_SLOTS).fill(Number.NaN);
  private readonly probeOffsets = new Float64Array(PROBE_SLOTS);
  private readonly gridOffsets = new Map<number, number>();

  /** @throws RangeError when `timezone` is not a known IANA zone. */
  constructor(readonly timezone: string) {
    if (!IANAZone.isValidZone(timezone)) {
      throw new RangeError(`unknown time zone ${JSON.stringify(timezone)}`);
    }
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      timeZoneName: 'longOffset',
    });
  }

  /** UTC offset at `instant`, in milliseconds (local = instant + offset). */
  offsetAt(instant: number): number {
    // Resolving local days one after another probes the same whole-day instants (a
    // midnight's and the steady check's) several times: a tiny direct-mapped memo.
    const day = instant / MS_PER_DAY;
    if (!Number.isInteger(day)) return this.lookUp(instant);
    const slot = day & (PROBE_SLOTS - 1);
    if (this.probeDays[slot] === day) return this.probeOffsets[slot] ?? this.lookUp(instant);
    const offset = this.lookUp(instant);
    this.probeDays[slot] = day;
    this.probeOffsets[slot] = offset;
    return offset;
  }

  private lookUp(instant: number): number {
    // One `format` call is several times cheaper than luxon's `IANAZone#offset` (which
    // formats to parts and rebuilds a date) and gives the same offset; pre-1900 local
    // mean times come with seconds (`GMT+00:53:28`), and a zero offset as plain `GMT`.
    const match = OFFSET_NAME.exec(this.format.format(instant));
    if (match === null) throw new RangeError(`no UTC offset for ${instant} in ${this.timezone}`);
    const [, sign, hours, minutes, seconds] = match;
    if (sign === undefined) return 0;
    const ms =
      Number(hours) * 3_600_000 + Number(minutes) * MS_PER_MINUTE + Number(seconds ?? 0) * 1000;
    return sign === '-' ? -ms : ms;
  }

  /**
   * The instant of local time `local`. Like Temporal's algorithm, it assumes the offsets
   * one day before and one day after bracket any transition affecting `local`: true of
   * every zone in the tz database, whose transitions are weeks apart.
   */
  instantOf(local: number): number {
    const before = this.offsetAt(local - MS_PER_DAY);
    const after = this.offsetAt(local + MS_PER_DAY);
    const underBefore = local - before;
    if (before === after) return underBefore;
    const validBefore = this.offsetAt(underBefore) === before;
    const underAfter = local - after;
    const validAfter = this.offsetAt(underAfter) === after;
    if (validBefore && validAfter) return Math.min(underBefore, underAfter);
    if (validBefore) return underBefore;
    if (validAfter) return underAfter;
    // In a gap neither offset fits; reading the time with the offset in force before the
    // jump lands exactly "the instant the clocks jump to plus the rest of the gap".
    return underBefore;
  }

  /**
   * The UTC offset in force throughout local days `dayNumber - 1` to `dayNumber + 1`, or
   * null when it changes near them. Their instants lie within [midnight - 2 days,
   * midnight + 3 days] because UTC offsets stay below 24 hours, and (as for
   * {@link instantOf}) the offset changes at most once in so short a stretch, so equal
   * offsets at both ends mean no change in between: every local time of those three days
   * is then its instant shifted by the offset.
   */
  steadyOffsetNear(dayNumber: number): number | null {
    const midnight = dayNumber * MS_PER_DAY;
    const before = this.offsetAt(midnight - 2 * MS_PER_DAY);
    const after = this.offsetAt(midnight + 3 * MS_PER_DAY);
    return before === after ? before : null;
  }

  /**
   * The UTC offset in force throughout local days `firstDay - 2` to `lastDay + 3` (so
   * {@link steadyOffsetNear} holds, with this offset, for every day from `firstDay` to
   * `lastDay`), or null when it may change there. Probes lie on a fixed grid of day
   * numbers {@link STEADY_PROBE_DAYS} apart, so neighbouring stretches share them and the
   * memo answers most; equal offsets at two neighbouring probes mean no change between,
   * because no zone changes its offset twice within that many days (see the constant).
   */
  steadyOffsetThrough(firstDay: number, lastDay: number): number | null {
    const step = STEADY_PROBE_DAYS;
    const from = Math.floor((firstDay - 2) / step) * step;
    const to = Math.ceil((lastDay + 3) / step) * step;
    const offset = this.gridOffset(from);
    for (let probe = from + step; probe <= to; probe += step) {
      if (this.gridOffset(probe) !== offset) return null;
    }
    return offset;
  }

  /** The offset at grid day `day`, remembered: a long span measured again costs nothing. */
  private gridOffset(day: number): number {
    const known = this.gridOffsets.get(day);
    if (known !== undefined) return known;
    // About three centuries of probes (~400 KB); past that, start over.
    if (this.gridOffsets.size >= 25_000) this.gridOffsets.clear();
    const offset = this.offsetAt(day * MS_PER_DAY);
    this.gridOffsets.set(day, offset);
    return offset;
  }

  /**
   * The instants of several local times (minutes from midnight, 0-1440) of local day
   * `dayNumber`. Two offset lookups cover the whole day when no transition is near it,
   * which is every day but a couple a year.
   */
  instantsOfDay(dayNumber: number, minutes: readonly number[]): number[] {
    const midnight = dayNumber * MS_PER_DAY;
    // Every instant of the local day lies within a day either side of its local midnight
    // because UTC offsets stay below 24 hours.
    const before = this.offsetAt(midnight - MS_PER_DAY);
    const after = this.offsetAt(midnight + 2 * MS_PER_DAY);
    if (before === after)
      return minutes.map((minute) => midnight + minute * MS_PER_MINUTE - before);
    return minutes.map((minute) => this.instantOf(midnight + minute * MS_PER_MINUTE));
  }
}
