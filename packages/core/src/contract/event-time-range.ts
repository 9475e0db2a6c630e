import { formatInstant, type Instant } from '../time/instant.js';

/**
 * The event times the contract accepts: from 2000-01-01T00:00:00Z up to, not including,
 * 2100-01-01T00:00:00Z. No helpdesk ticket happened before 2000, and a time past 2100 is
 * a producer's bug; left in, such a time set timers and bucket TTLs thousands of years out
 * and made every calendar computation of the ticket span those years. A fixed range keeps
 * the core pure (no "now") and lets `slawatch simulate` replay historic files; the tracker
 * also refuses times too far ahead of its own clock (`SLAWATCH_MAX_EVENT_FUTURE`).
 */
export const EARLIEST_EVENT_TIME: Instant = Date.UTC(2000, 0, 1);
/** The first instant past the accepted range (exclusive bound). */
export const EVENT_TIME_END: Instant = Date.UTC(2100, 0, 1);

/** Whether `time` lies in the accepted event-time range. */
export function isAcceptedEventTime(time: Instant): boolean {
  return time >= EARLIEST_EVENT_TIME && time < EVENT_TIME_END;
}

/** The rule, as validation messages state it. */
export const EVENT_TIME_RANGE_RULE = `must be from ${formatInstant(EARLIEST_EVENT_TIME)} up to (not including) ${formatInstant(EVENT_TIME_END)}`;
