/**
 * Bounds on one `POST /api/v1/simulate`, which any read token may send: without them a
 * few kilobytes could keep the gateway's event loop busy for as long as the events ask.
 */
export interface SimulateLimits {
  /** Largest request body, in bytes (`SLAWATCH_SIMULATE_MAX_BYTES`). */
  readonly maxBytes: number;
  /** Most events in one request (`SLAWATCH_SIMULATE_MAX_EVENTS`). */
  readonly maxEvents: number;
  /** Most distinct tickets the valid events name (`SLAWATCH_SIMULATE_MAX_TICKETS`). */
  readonly maxTickets: number;
  /** Most milliseconds of work before the request is refused (`SLAWATCH_SIMULATE_TIMEOUT`). */
  readonly timeoutMs: number;
  /** Most simulations running at once in one gateway (`SLAWATCH_SIMULATE_CONCURRENCY`). */
  readonly maxConcurrent: number;
  /**
   * Longest stretch of work between two turns of the event loop, in milliseconds: health
   * checks, other requests and the live stream wait at most about this long.
   */
  readonly sliceMs: number;
}

export const DEFAULT_SIMULATE_LIMITS: SimulateLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxEvents: 100_000,
  maxTickets: 20_000,
  timeoutMs: 10_000,
  maxConcurrent: 2,
  sliceMs: 20,
};
