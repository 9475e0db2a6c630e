/** Until two heartbeats have shown the server's pace: its default 15 s, doubled, plus slack. */
export const DEFAULT_STALE_AFTER_MS = 35_000;
/** Heartbeats closer than this are a backlog flushed at once, not the server's pace. */
const MIN_INTERVAL_MS = 1_000;

/**
 * Knows when the server last said anything and how often it promises to: the gateway sends
 * a heartbeat every interval (15 s unless configured otherwise), so silence for twice the
 * observed interval means the data on screen can no longer be trusted to be current.
 * Times are the browser's (receipt), never the server's, so clock skew does not matter.
 */
export class HeartbeatWatch {
  private lastHeard: number;
  private lastHeartbeat: number | null = null;
  private interval: number | null = null;

  constructor(now: number) {
    this.lastHeard = now;
  }

  /** Anything arrived (a heartbeat or data). */
  heard(now: number): void {
    this.lastHeard = now;
  }

  /** A heartbeat arrived. */
  heartbeat(now: number): void {
    this.heard(now);
    const interval = this.lastHeartbeat === null ? 0 : now - this.lastHeartbeat;
    // The shortest interval seen is the server's pace: a late heartbeat (a busy network, a
    // throttled tab) only lengthens one, and must not make the next silence look normal.
    if (interval >= MIN_INTERVAL_MS) this.interval = Math.min(this.interval ?? interval, interval);
    this.lastHeartbeat = now;
  }

  /** The observed heartbeat interval (the shortest), once two heartbeats have arrived. */
  get heartbeatIntervalMs(): number | null {
    return this.interval;
  }

  get staleAfterMs(): number {
    return this.interval === null ? DEFAULT_STALE_AFTER_MS : 2 * this.interval;
  }

  /**
   * Past this silence the socket is given up and a new one opened: one more interval than
   * stale, since a half-open connection (a laptop that slept, a dropped Wi-Fi) can stay
   * "open" for minutes without the browser noticing.
   */
  get giveUpAfterMs(): number {
    return this.staleAfterMs + (this.interval ?? DEFAULT_STALE_AFTER_MS / 2);
  }

  silenceMs(now: number): number {
    return Math.max(0, now - this.lastHeard);
  }

  isStale(now: number): boolean {
    return this.silenceMs(now) > this.staleAfterMs;
  }

  shouldGiveUp(now: number): boolean {
    return this.silenceMs(now) > this.giveUpAfterMs;
  }
}
