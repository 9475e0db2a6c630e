/** How long the gateway serves a forecast before computing it again (forecast-board.ts). */
export const FORECAST_REFRESH_MS = 60_000;
/** After the gateway's minute is up: clocks a second apart, or a request on its way. */
const MARGIN_MS = 2_000;
/** However old the answer looks: a screen whose clock runs ahead must not ask every second. */
const MIN_DELAY_MS = 10_000;

/**
 * When to ask for the forecast again, given when the one just received was computed. The
 * gateway computes it at most once a minute and serves that until it is a minute old, so
 * asking on a fixed 60 s beat could show a forecast close to two minutes old; asking just
 * after the gateway's minute is up shows a fresh one, and still asks about once a minute.
 */
export function nextPollDelay(computedAt: number, now: number): number {
  const due = computedAt + FORECAST_REFRESH_MS + MARGIN_MS - now;
  return Math.min(FORECAST_REFRESH_MS, Math.max(MIN_DELAY_MS, due));
}
