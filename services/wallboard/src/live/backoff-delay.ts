/** The first retry waits about this long. */
export const FIRST_RETRY_MS = 750;
/** No retry waits longer. */
export const MAX_RETRY_MS = 10_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): doubling from
 * {@link FIRST_RETRY_MS} up to {@link MAX_RETRY_MS}, with ±25 % jitter so a gateway restart
 * is not met by every wallboard of the building in the same millisecond.
 *
 * @param random a number in [0, 1), `Math.random()` outside tests
 */
export function backoffDelay(attempt: number, random: number): number {
  const base = FIRST_RETRY_MS * 2 ** Math.min(Math.max(0, attempt), 16);
  return Math.round(Math.min(MAX_RETRY_MS, base * (0.75 + 0.5 * random)));
}
