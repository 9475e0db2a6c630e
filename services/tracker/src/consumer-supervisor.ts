import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer } from 'kafkajs';
import { withDeadline, type Logger } from '@slawatch/telemetry';

export interface ConsumerSupervisorOptions {
  /** A fresh consumer (a new group member) with the caller's own listeners attached. */
  readonly create: () => Consumer;
  /** Connects, subscribes and runs a consumer made by `create`. */
  readonly begin: (consumer: Consumer) => Promise<void>;
  readonly topic: string;
  /** No progress (see `ConsumerSupervisor`) for this long, and the consumer is replaced. */
  readonly stallTimeoutMs: number;
  /**
   * How long a replacement may take to connect and join (a join waits for a silent old
   * member's session to expire, and for the others to rejoin); longer is a failed attempt.
   * Default: twice `stallTimeoutMs`.
   */
  readonly startTimeoutMs?: number;
  /** Replacements in a row that never got back into the group before giving up. */
  readonly maxRestarts: number;
  readonly log: Logger;
  /** Called once when the supervisor gives up: the process should exit non-zero. */
  readonly onFatal: (error: Error) => void;
  /** Called on every change of "consuming" and on each replacement (for the metrics). */
  readonly onConsuming: (consuming: boolean) => void;
  readonly onRestart: () => void;
  /** A sign of progress at this instant (ms): for `slawatch_tracker_last_progress_...`. */
  readonly onProgress: (at: number) => void;
  /** How long a replaced consumer may take to leave: its batch in hand may be stuck (10 s). */
  readonly leaveTimeoutMs?: number;
  readonly now?: () => number;
}

const LEAVE_TIMEOUT_MS = 10_000;
const BACKOFF_MAX_MS = 30_000;

/**
 * Keeps a kafkajs consumer consuming. kafkajs gives up on some failures for good (a CRASH
 * with `restart: false`, a STOP nobody asked for) and can stay a member that no longer
 * fetches (an event loop stalled past the session timeout, then a rejoin that never
 * completes); the tracker then stopped for good, silently (issue 15). The supervisor
 * replaces such a consumer with a fresh one that joins the group again: offsets are only
 * committed once Redis holds a batch's effects, so the new member re-reads what the old
 * one had not committed, and the idempotent apply makes that redelivery harmless.
 *
 * Progress is a committed batch, or a fetch that came back while no batch is unfinished
 * (caught up: nothing to do), or a heartbeat with no partition assigned. A batch that
 * keeps failing is not progress, so a poison batch or an unwritable Redis shows as "no
 * progress" even though the consumer keeps fetching.
 */
export class ConsumerSupervisor {
  private current: Consumer | null = null;
  private consuming = false;
  private reason = 'starting';
  private stopping = false;
  private restarting: Promise<void> | null = null;
  /** Replacements since the last group join. */
  private failures = 0;
  private lastSign = 0;
  private assigned: readonly number[] = [];
  /** Partitions with a batch handed to us and not yet committed. */
  private readonly unfinished = new Set<number>();
  private watchdog: NodeJS.Timeout | undefined;
  /** Cuts a replacement's back-off short on stop(): SIGTERM must not wait 30 s. */
  private readonly stopped = new AbortController();
  private readonly now: () => number;

  constructor(private readonly options: ConsumerSupervisorOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves while the consumer is in its group and consuming; rejects saying why not. A
   * member quiet for half the stall bound already fails it: kafkajs may still believe it
   * is in the group (a stall past the session timeout, a silent broker) when it is not.
   */
  check(): Promise<void> {
    if (!this.consuming) return Promise.reject(new Error(this.reason));
    const quiet = this.now() - this.lastSign;
    if (quiet > this.options.stallTimeoutMs / 2)
      return Promise.reject(new Error(`no progress for ${Math.round(quiet / 1000)} s`));
    return Promise.resolve();
  }

  async start(): Promise<void> {
    this.lastSign = this.now();
    await this.options.begin(this.make());
    // Often enough to notice a stall within a few seconds of the bound.
    const every = Math.max(250, Math.min(5000, Math.floor(this.options.stallTimeoutMs / 4)));
    this.watchdog = setInterval(() => this.inspect(), every);
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    this.stopped.abort();
    await this.restarting?.catch(() => undefined);
    this.setConsuming(false, 'stopped');
    await this.current?.disconnect();
  }

  batchStarted(partition: number): void {
    this.unfinished.add(partition);
  }

  batchCommitted(partition: number): void {
    this.unfinished.delete(partition);
    this.progress();
  }

  private progress() {
    const at = this.now();
    this.lastSign = at;
    this.options.onProgress(at);
  }

  private setConsuming(consuming: boolean, reason: string) {
    this.reason = reason;
    if (consuming === this.consuming) return;
    this.consuming = consuming;
    this.options.onConsuming(consuming);
  }

  private make(): Consumer {
    const consumer = this.options.create();
    const { events } = consumer;
    const mine = () => consumer === this.current && !this.stopping;
    consumer.on(events.GROUP_JOIN, ({ payload }) => {
      if (!mine()) return;
      this.assigned = payload.memberAssignment[this.options.topic] ?? [];
      for (const p of this.unfinished) if (!this.assigned.includes(p)) this.unfinished.delete(p);
      this.failures = 0;
      this.lastSign = this.now();
      this.setConsuming(true, 'consuming');
    });
    consumer.on(events.FETCH, () => {
      if (mine() && this.consuming && this.unfinished.size === 0) this.progress();
    });
    consumer.on(events.HEARTBEAT, () => {
      if (mine() && this.consuming && this.assigned.length === 0) this.progress();
    });
    consumer.on(events.CRASH, ({ payload }) => {
      if (!mine()) return;
      const why = `crashed: ${payload.error.message}`;
      // With `restart: true` kafkajs rejoins by itself; the watchdog covers it if not.
      this.setConsuming(false, payload.restart ? `${why} (kafkajs restarting it)` : why);
      if (!payload.restart) this.replace(why);
    });
    consumer.on(events.STOP, () => {
      if (mine()) this.replace('the consumer stopped on its own');
    });
    this.current = consumer;
    return consumer;
  }

  private inspect() {
    if (this.stopping || this.restarting) return;
    const quiet = this.now() - this.lastSign;
    if (quiet > this.options.stallTimeoutMs)
      this.replace(
        `no progress for ${Math.round(quiet / 1000)} s (SLAWATCH_TRACKER_STALL_TIMEOUT: ${this.options.stallTimeoutMs} ms)`,
      );
  }

  private replace(why: string) {
    if (this.stopping || this.restarting) return;
    this.restarting = this.restart(why).finally(() => (this.restarting = null));
  }

  private async restart(why: string): Promise<void> {
    const { log } = this.options;
    for (;;) {
      this.failures += 1;
      if (this.failures > this.options.maxRestarts) {
        const error = new Error(
          `the consumer could not get back into its group after ${this.options.maxRestarts} replacements (SLAWATCH_RESTART_ATTEMPTS); last: ${why}`,
        );
        this.setConsuming(false, `gave up: ${why}`);
        this.stopping = true;
        clearInterval(this.watchdog);
        log.fatal({ err: error }, 'tracker: giving up on the consumer');
        this.options.onFatal(error);
        return;
      }
      this.setConsuming(false, `restarting: ${why}`);
      this.options.onRestart();
      log.warn({ reason: why, attempt: this.failures }, 'tracker: replacing the consumer');
      const old = this.current;
      this.current = null;
      await withDeadline(
        old?.disconnect() ?? Promise.resolve(),
        this.options.leaveTimeoutMs ?? LEAVE_TIMEOUT_MS,
        'the old consumer did not leave in time',
      ).catch((error: unknown) => log.warn({ err: error }, 'tracker: leaving the old consumer'));
      // No wait the first time: a stall that already ended is recovered from at once.
      const backoff = Math.min(BACKOFF_MAX_MS, 1000 * 2 ** (this.failures - 2));
      if (this.failures > 1)
        await sleep(backoff, undefined, { signal: this.stopped.signal }).catch(() => undefined);
      if (this.stopping) return;
      this.lastSign = this.now();
      const fresh = this.make();
      try {
        // Bounded: against a silent broker connect() waits out request timeouts and
        // retries for minutes, and the give-up must still come.
        const ms = this.options.startTimeoutMs ?? 2 * this.options.stallTimeoutMs;
        await withDeadline(
          this.options.begin(fresh),
          ms,
          `it did not connect and join within ${ms} ms`,
        );
        log.info({ attempt: this.failures }, 'tracker: new consumer started, joining the group');
        return;
      } catch (error) {
        void fresh.disconnect().catch(() => undefined);
        why = `could not start a new consumer: ${(error as Error).message}`;
      }
    }
  }
}
