import type { FastifyBaseLogger } from 'fastify';
import type { GatewayDeps } from '../gateway-deps.js';
import { EventLoopLoad } from './event-loop-load.js';
import type { LiveOptions } from './live-options.js';
import type { LiveView, ViewHost } from './live-view.js';
import { readIntervalMs } from './read-pacing.js';
import { ReadQueue, type ReleaseRead } from './read-queue.js';
import { readView } from './read-view.js';
import type { ViewQuery } from './view-query.js';

/** The gateway's load, for the views' pacing, is its event loop's over about this long. */
const LOAD_WINDOW_MS = 250;
/** The weight of each read's time in the views' recent read time (a moving average). */
const READ_TIME_WEIGHT = 0.2;

/** What the hub does with the views' reads. */
export interface ReadOutcomes<S> {
  /** A read changed the view's body: send it to every subscriber. */
  changed(view: LiveView<S>): void;
  /** No read runs any more: the messages the reads queued may be written. */
  allEnded(): void;
}

/**
 * The reads of one hub's views, the host of each: taken in turns (read-queue.ts), spaced
 * by the gateway's load (read-pacing.ts), and counted.
 */
export class ViewReads<S> implements ViewHost<S> {
  private readonly queue: ReadQueue;
  private readonly load = new EventLoopLoad(LOAD_WINDOW_MS);
  private running = 0;
  private startedCount = 0;
  /** How long the views' reads have taken lately, their waits included (ms). */
  private recentReadMs = 0;

  constructor(
    private readonly deps: GatewayDeps,
    private readonly options: LiveOptions,
    private readonly log: FastifyBaseLogger,
    private readonly outcomes: ReadOutcomes<S>,
  ) {
    this.queue = new ReadQueue(options.maxReadsInFlight, options.maxReadsPerClient);
  }

  /** Reads started so far (each one reads Redis). */
  get started(): number {
    return this.startedCount;
  }

  /** Reads under way now (holding a slot or not). */
  get inProgress(): number {
    return this.running;
  }

  /** Reads dropped so far without running: their view closed while they waited. */
  get dropped(): number {
    return this.queue.dropped;
  }

  /** Reads holding a slot, and waiting for one, now. */
  get slots(): { readonly running: number; readonly waiting: number } {
    return { running: this.queue.inFlight, waiting: this.queue.queued };
  }

  readIntervalMs(): number {
    return readIntervalMs(this.options, this.load.busy(), this.recentReadMs);
  }

  now(): number {
    return this.deps.now();
  }

  acquire(owner: object | null, signal: AbortSignal): Promise<ReleaseRead | null> {
    return this.queue.acquire(owner, signal);
  }

  read(query: ViewQuery, now: number, signal: AbortSignal): Promise<object> {
    this.running++;
    this.startedCount++;
    return readView(this.deps, query, now, signal);
  }

  readEnded(tookMs: number): void {
    this.recentReadMs += (tookMs - this.recentReadMs) * READ_TIME_WEIGHT;
    if (--this.running === 0) this.outcomes.allEnded();
  }

  changed(view: LiveView<S>): void {
    this.outcomes.changed(view);
  }

  failed(view: LiveView<S>, error: unknown): void {
    this.log.warn({ err: error, view: view.key }, 'a live view could not be read');
  }
}
