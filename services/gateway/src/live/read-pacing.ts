/** How far apart a view's reads are (live-options.ts). */
export interface ReadPacing {
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
}

/** Below this share of its event loop busy, the gateway counts as idle. */
const IDLE_BELOW = 0.2;
/** From this share on, it counts as fully loaded. */
const LOADED_FROM = 0.7;
/**
 * Views are read again no sooner than this many times their reads take lately (Redis's
 * time and the wait for a read slot): costly views, or a busy read queue or Redis, space
 * reads out even while the gateway itself has time to spare.
 */
const READ_COST_FACTOR = 4;

/**
 * The least time from one read of a view to its next: `minIntervalMs` while the gateway
 * is idle and reads are cheap, so a delta is shown at once or nearly; growing toward
 * `maxIntervalMs` with the gateway's load, so that under load more deltas are coalesced
 * into each read and each message to every subscriber. `busy` is the share (0-1) of the
 * gateway's event loop spent running lately (event-loop-load.ts), `readMs` how long the
 * views' reads take lately.
 */
export function readIntervalMs(pacing: ReadPacing, busy: number, readMs: number): number {
  const min = pacing.minIntervalMs;
  // A maximum below the minimum (an old setting of minIntervalMs alone): a fixed interval.
  const max = Math.max(min, pacing.maxIntervalMs);
  const load = Math.min(1, Math.max(0, (busy - IDLE_BELOW) / (LOADED_FROM - IDLE_BELOW)));
  const forLoad = min + (max - min) * load;
  return Math.min(max, Math.max(forLoad, READ_COST_FACTOR * readMs));
}
