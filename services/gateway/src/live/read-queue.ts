/** Ends a read: frees its slot for the next one waiting. Calling it again does nothing. */
export type ReleaseRead = () => void;

interface Waiting {
  readonly owner: object | null;
  readonly signal: AbortSignal;
  readonly resolve: (release: ReleaseRead | null) => void;
  readonly onAbort: () => void;
}

/**
 * The live views' reads in flight. At most `maxRunning` at once in the gateway, and at most
 * `maxPerOwner` of those started for one owner (the client whose subscription made a new
 * view): one client re-subscribing as fast as it may cannot take every slot, and what the
 * reads hold in memory at once is bounded. The others wait in order; a read whose view
 * closed (replaced, unsubscribed) while it waited is dropped without running.
 */
export class ReadQueue {
  private running = 0;
  private readonly runningBy = new Map<object, number>();
  /** In arrival order (a Set keeps insertion order and deletes in O(1)). */
  private readonly waiting = new Set<Waiting>();
  private droppedCount = 0;

  constructor(
    private readonly maxRunning: number,
    private readonly maxPerOwner: number,
  ) {}

  /** Reads running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Reads waiting for a slot now. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Reads dropped so far: their view closed before their turn came. */
  get dropped(): number {
    return this.droppedCount;
  }

  /**
   * Resolves once the read may start, with the function that ends it; or with null when
   * `signal` is aborted first (the read is dropped: it never runs).
   */
  acquire(owner: object | null, signal: AbortSignal): Promise<ReleaseRead | null> {
    if (signal.aborted) {
      this.droppedCount++;
      return Promise.resolve(null);
    }
    // Any read waiting now waits for its owner's reads, or for a slot this one cannot get either.
    if (this.mayRun(owner)) return Promise.resolve(this.start(owner));
    return new Promise((resolve) => {
      const waiting: Waiting = {
        owner,
        signal,
        resolve,
        onAbort: () => {
          if (!this.waiting.delete(waiting)) return;
          this.droppedCount++;
          resolve(null);
        },
      };
      this.waiting.add(waiting);
      signal.addEventListener('abort', waiting.onAbort, { once: true });
    });
  }

  private mayRun(owner: object | null): boolean {
    if (this.running >= this.maxRunning) return false;
    return owner === null || (this.runningBy.get(owner) ?? 0) < this.maxPerOwner;
  }

  private start(owner: object | null): ReleaseRead {
    this.running++;
    if (owner !== null) this.runningBy.set(owner, (this.runningBy.get(owner) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      if (owner !== null) {
        const left = this.runningBy.get(owner)! - 1;
        if (left === 0) this.runningBy.delete(owner);
        else this.runningBy.set(owner, left);
      }
      this.next();
    };
  }

  /** Starts the waiting reads that may run now, oldest first, skipping owners at their cap. */
  private next(): void {
    for (const waiting of this.waiting) {
      if (this.running >= this.maxRunning) return;
      if (!this.mayRun(waiting.owner)) continue;
      this.waiting.delete(waiting);
      waiting.signal.removeEventListener('abort', waiting.onAbort);
      waiting.resolve(this.start(waiting.owner));
    }
  }
}
