import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { StoreFailureReason } from './store-failure.js';

/** What one committed batch did with its messages. */
export interface BatchOutcome {
  /** Valid events applied to their tickets for the first time. */
  readonly processed: number;
  /** Valid events already in their ticket's history (a redelivery): applied before. */
  readonly duplicate: number;
  /** Invalid messages sent to the dead-letter topic. */
  readonly deadLettered: number;
}

/**
 * The tracker's own Prometheus series, counted per batch, not per event: a few
 * additions per batch of up to thousands of events.
 */
export class TrackerMetrics {
  private readonly events: Counter<'outcome'>;
  private readonly batchDuration: Histogram;
  private readonly lastCommit: Gauge;
  private readonly lastProgress: Gauge;
  private readonly consumingGauge: Gauge;
  private readonly restarts: Counter;
  private readonly batchFailures: Counter<'reason'>;

  constructor(registry: Registry | undefined) {
    const registers = registry ? [registry] : [];
    this.events = new Counter({
      name: 'slawatch_tracker_events_total',
      help: 'Messages of committed batches by outcome: processed (applied), duplicate (redelivered, already applied), dead_lettered (invalid).',
      labelNames: ['outcome'],
      registers,
    });
    // Every outcome from the start, at 0: `rate()` and alerts need the series to exist.
    for (const outcome of ['processed', 'duplicate', 'dead_lettered'])
      this.events.inc({ outcome }, 0);
    this.batchDuration = new Histogram({
      name: 'slawatch_tracker_batch_duration_seconds',
      help: 'Time from receiving a fetched batch to committing its offsets.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.lastCommit = new Gauge({
      name: 'slawatch_tracker_last_commit_timestamp_seconds',
      help: 'Unix time of the latest offset commit of this tracker (0 before the first).',
      registers,
    });
    // Unlike the last commit, this advances on an idle topic too, so "no progress for N
    // minutes" means stuck, whether or not events are waiting (issue 15).
    this.lastProgress = new Gauge({
      name: 'slawatch_tracker_last_progress_timestamp_seconds',
      help: 'Unix time this tracker last made progress: committed a batch, or fetched and found nothing to do (0 before the first).',
      registers,
    });
    this.consumingGauge = new Gauge({
      name: 'slawatch_tracker_consuming',
      help: '1 while this tracker is a member of its consumer group and consuming, else 0 (starting, crashed, restarting, stopped).',
      registers,
    });
    this.restarts = new Counter({
      name: 'slawatch_tracker_consumer_restarts_total',
      help: 'Times this tracker replaced its Kafka consumer (crashed, stopped on its own, or no progress for SLAWATCH_TRACKER_STALL_TIMEOUT).',
      registers,
    });
    this.batchFailures = new Counter({
      name: 'slawatch_tracker_batch_failures_total',
      help: 'Batches that could not be written to Redis and were left uncommitted to retry, by reason: redis_full (maxmemory), redis_replicas (SLAWATCH_REDIS_MIN_REPLICAS not met in time), redis_error.',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of ['redis_full', 'redis_replicas', 'redis_error'])
      this.batchFailures.inc({ reason }, 0);
  }

  /** A batch could not be stored and stays uncommitted. */
  batchFailed(reason: StoreFailureReason): void {
    this.batchFailures.inc({ reason });
  }

  consuming(on: boolean): void {
    this.consumingGauge.set(on ? 1 : 0);
  }

  restarted(): void {
    this.restarts.inc();
  }

  /** Progress at `at` (ms). */
  progressed(at: number): void {
    this.lastProgress.set(at / 1000);
  }

  /** A batch was committed `seconds` after it was received, at `committedAt` (ms). */
  batchCommitted(outcome: BatchOutcome, seconds: number, committedAt: number): void {
    if (outcome.processed > 0) this.events.inc({ outcome: 'processed' }, outcome.processed);
    if (outcome.duplicate > 0) this.events.inc({ outcome: 'duplicate' }, outcome.duplicate);
    if (outcome.deadLettered > 0)
      this.events.inc({ outcome: 'dead_lettered' }, outcome.deadLettered);
    this.batchDuration.observe(seconds);
    this.lastCommit.set(committedAt / 1000);
  }
}
