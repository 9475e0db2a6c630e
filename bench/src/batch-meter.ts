import type { Consumer } from 'kafkajs';

/** One measured round: how many messages, and the wall time from first fetch to last batch. */
export interface MeteredRound {
  readonly messages: number;
  readonly ms: number;
  /** Of `ms`, time spent waiting on fetches (kafkajs FETCH events). */
  readonly fetchMs: number;
  readonly batches: number;
}

/**
 * Times a paused consumer over one round of pre-produced messages: `consume(n)` resumes
 * it, and pauses it again as soon as `n` messages have been processed. The clock starts
 * when the fetch that returned the round's first batch was sent (kafkajs fetches, then
 * processes that fetch's batches, then fetches again), and stops when the batch that
 * completes the round has been processed (for the tracker: written to Redis and committed,
 * `finished`).
 * The idle polling of a paused consumer is never on the clock.
 */
export class BatchMeter {
  private fetchStartedAt = 0;
  private fetchMs = 0;
  private round: {
    target: number;
    seen: number;
    batches: number;
    fetchMs: number;
    startedAt: number | null;
    done(r: MeteredRound): void;
  } | null = null;

  /**
   * `finished`, when given, resolves once the consumer's batches handed back to kafkajs
   * are done whole: the tracker commits a batch while it works on the next (tracker.ts),
   * so its round ends at that commit, not when eachBatch returns.
   */
  constructor(
    private readonly consumer: Consumer,
    private readonly topic: string,
    private readonly finished: () => Promise<void> = () => Promise.resolve(),
  ) {
    consumer.on(consumer.events.FETCH, (e) => {
      this.fetchMs = e.payload.duration;
      this.fetchStartedAt = performance.now() - e.payload.duration;
      if (this.round && this.round.startedAt !== null) this.round.fetchMs += e.payload.duration;
    });
    consumer.on(consumer.events.START_BATCH_PROCESS, (e) => {
      if (this.round && this.round.startedAt === null && e.payload.topic === this.topic) {
        this.round.startedAt = this.fetchStartedAt;
        // The fetch that brought this batch ended before the round started.
        this.round.fetchMs += this.fetchMs;
      }
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
      const round = this.round;
      if (!round || e.payload.topic !== this.topic) return;
      round.seen += e.payload.batchSize;
      round.batches += 1;
      if (round.seen < round.target) return;
      // Paused here, synchronously, so the consumer's next fetch leaves this topic alone.
      this.consumer.pause([{ topic: this.topic }]);
      this.round = null;
      const startedAt = round.startedAt ?? performance.now();
      void this.finished().then(() =>
        round.done({
          messages: round.seen,
          ms: performance.now() - startedAt,
          fetchMs: round.fetchMs,
          batches: round.batches,
        }),
      );
    });
  }

  pause(): void {
    this.consumer.pause([{ topic: this.topic }]);
  }

  /** Resumes the consumer and resolves once `count` more messages were processed. */
  consume(count: number, timeoutMs: number): Promise<MeteredRound> {
    return new Promise<MeteredRound>((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.round?.seen ?? 0;
        this.round = null;
        reject(
          new Error(`consumed ${seen} of ${count} messages of ${this.topic} in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.round = {
        target: count,
        seen: 0,
        batches: 0,
        fetchMs: 0,
        startedAt: null,
        done: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.consumer.resume([{ topic: this.topic }]);
    });
  }
}
