import type { ReleaseRead } from './read-queue.js';
import type { ViewQuery } from './view-query.js';

/** What a view needs from the hub that holds it. */
export interface ViewHost<S> {
  /**
   * Least time from a read of a view to its next (read-pacing.ts), the same for every view
   * of the hub, so that the views one delta changed stay read in the same round.
   */
  readIntervalMs(): number;
  /** The gateway's clock (epoch ms): the instant a view is read as of. */
  now(): number;
  /**
   * Waits for a read slot (read-queue.ts): for `owner`'s, the client whose subscription made
   * the view, on its first read; for the gateway's after. Null: `signal` was aborted first.
   */
  acquire(owner: object | null, signal: AbortSignal): Promise<ReleaseRead | null>;
  /** Reads the view's data; every call is followed by one `readEnded`. */
  read(query: ViewQuery, now: number, signal: AbortSignal): Promise<object>;
  /**
   * A read ended (after `changed`, when it changed the body), `tookMs` after it asked for a
   * slot: its wait and the hand-over to its subscribers included.
   */
  readEnded(tookMs: number): void;
  /** The view's body changed: send it to every subscriber. */
  changed(view: LiveView<S>): void;
  /** A read failed (once per run of failures). */
  failed(view: LiveView<S>, error: unknown): void;
}

/**
 * One distinct view (a query, whoever asked it) and its subscribers. It is read at most
 * once per interval (`host.readIntervalMs`: short while the gateway is idle, longer under
 * load): a change after a quiet spell is read at once, later ones are coalesced into one
 * read at the end of the interval. Each read's data is serialized once, into the body
 * every subscriber's message ends with, and only when it differs from the previous one.
 */
export class LiveView<S> {
  /** Its subscribers (the hub's subscriptions). */
  readonly subscriptions = new Set<S>();
  /** `"at":…,"deltaAt":…,"data":…}`, the tail of every message; null until first read. */
  body: Buffer | null = null;
  private data: string | null = null;
  private dirty = false;
  private reading = false;
  private failing = false;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  /** When the last read started (performance.now()). */
  private lastRead = -Infinity;
  /** Aborted when the view closes: a read waiting for its turn is dropped, one running stops. */
  private readonly abort = new AbortController();
  /** Publication time of the oldest delta not yet reflected in a read. */
  private deltaAt: string | undefined;

  constructor(
    readonly key: string,
    readonly query: ViewQuery,
    private readonly host: ViewHost<S>,
    /** Whose subscription made the view: its first read counts as that client's. */
    private owner: object | null = null,
  ) {}

  /** What the view shows may have changed: by a delta published at `deltaAt`, or by time. */
  invalidate(deltaAt?: string): void {
    this.dirty = true;
    if (deltaAt !== undefined) this.deltaAt ??= deltaAt;
    this.schedule();
  }

  /**
   * Reads the view again if nothing has for `idleMs`: windows slide and breaches age out
   * without deltas. A view deltas keep fresh is left alone, so that this read does not
   * take the interval the next delta's read would need.
   */
  refreshIfIdle(idleMs: number): void {
    if (performance.now() - this.lastRead >= idleMs) this.invalidate();
  }

  close(): void {
    if (!this.closed) this.abort.abort(new Error('the live view closed'));
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.dirty || this.reading || this.timer || this.closed) return;
    const wait = this.lastRead + this.host.readIntervalMs() - performance.now();
    if (wait <= 0) {
      void this.read();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.schedule();
    }, wait);
  }

  private async read(): Promise<void> {
    this.reading = true;
    const asked = performance.now();
    const { signal } = this.abort;
    const owner = this.owner;
    this.owner = null;
    const release = await this.host.acquire(owner, signal);
    if (release === null) {
      // Dropped: the view closed while its read waited.
      this.reading = false;
      return;
    }
    // Changes heard while it waited are read now too.
    this.dirty = false;
    this.lastRead = performance.now();
    const deltaAt = this.deltaAt;
    this.deltaAt = undefined;
    try {
      const now = this.host.now();
      const read = await this.host.read(this.query, now, signal);
      this.failing = false;
      // A view closed meanwhile (replaced, unsubscribed) is not serialized for nobody.
      const data = this.closed ? null : JSON.stringify(read);
      if (data !== null && data !== this.data) {
        this.data = data;
        const at = JSON.stringify(new Date(now).toISOString());
        const since = deltaAt === undefined ? '' : `"deltaAt":${JSON.stringify(deltaAt)},`;
        this.body = Buffer.from(`"at":${at},${since}"data":${data}}`);
        this.host.changed(this);
      }
    } catch (error) {
      // Not retried at once: the next delta or periodic refresh reads it again.
      this.deltaAt ??= deltaAt;
      if (!this.failing && !this.closed) this.host.failed(this, error);
      this.failing = true;
    } finally {
      release();
      this.reading = false;
      this.host.readEnded(performance.now() - asked);
      this.schedule();
    }
  }
}
