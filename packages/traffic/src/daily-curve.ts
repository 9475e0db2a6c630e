/**
 * How busy a team is by local hour of the day, relative to its daily mean: quiet at night,
 * rising from 07:00, peaking late morning and mid-afternoon, tailing off in the evening.
 */
const HOURLY = [
  0.25, 0.2, 0.18, 0.18, 0.2, 0.3, 0.5, 0.9, 1.45, 1.8, 1.9, 1.8, 1.5, 1.6, 1.75, 1.7, 1.5, 1.2,
  0.95, 0.8, 0.65, 0.5, 0.4, 0.3,
];
const MEAN = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;

/** The highest factor `arrivalFactor` returns (the envelope for thinning). */
export const PEAK_FACTOR = Math.max(...HOURLY) / MEAN;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local hour (0-23) of `instant` in `timeZone`, daylight saving time included. */
export function localHour(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  return Number(format.format(instant)) % 24;
}

/**
 * Arrival intensity at `instant` relative to the daily mean (mean 1 over a day), for a
 * team working in `timeZone`; a team without one (`null`) is equally busy all day.
 */
export function arrivalFactor(instant: number, timeZone: string | null): number {
  if (timeZone === null) return 1;
  return HOURLY[localHour(instant, timeZone)]! / MEAN;
}
