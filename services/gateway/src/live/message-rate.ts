/**
 * What one client may send: a bucket of `burst` messages, refilled at `perSecond`. A
 * message finding the bucket empty is refused; a client keeps being refused until it has
 * been quiet long enough to fill the bucket again, which is how the hub tells a burst
 * from a flood (`refused`).
 */
export class MessageRate {
  /** Messages refused since the bucket was last full. */
  refused = 0;
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    /** When the client connected (ms, monotonic). */
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one message's allowance at `now` (ms, monotonic); false when there is none. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens >= this.burst) this.refused = 0;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.refused++;
    return false;
  }
}
