/**
 * A business calendar answers the two questions every SLA clock asks: how much business
 * time lies between two instants, and when a given amount of business time, counted from
 * an instant, runs out. Instants are epoch milliseconds (UTC); amounts are milliseconds.
 */
export interface BusinessCalendar {
  readonly id: string;
  /** IANA zone the open periods are written in (`UTC` for the built-in `24x7`). */
  readonly timezone: string;
  /** Business milliseconds inside [from, to); 0 when to <= from. */
  businessMsBetween(from: number, to: number): number;
  /**
   * The instant at which `amount` (> 0) business milliseconds have passed, counting from
   * `from` (a start inside a closed period counts from the next opening). A result that
   * lands exactly on the end of an open stretch moves to the start of the next one, so a
   * deadline is always inside an open period or at its start. `null` when the calendar
   * never opens again within the search horizon (ten closed years), or when the amount is
   * not reached within a century of `from` (past the accepted event-time range).
   */
  addBusinessMs(from: number, amount: number): number | null;
  /** Whether the calendar is open at `instant` (periods are start-inclusive, end-exclusive). */
  isOpen(instant: number): boolean;
  /** The first instant >= `instant` at which the calendar is open, or null if none. */
  nextOpening(instant: number): number | null;
}
