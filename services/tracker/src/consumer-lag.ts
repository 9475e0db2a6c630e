import type { Admin, Kafka } from 'kafkajs';
import { Gauge, type Registry } from 'prom-client';
import { withDeadline } from '@slawatch/telemetry';

/** How long a scrape waits for the brokers before the figures of the last batches stand. */
const REFRESH_TIMEOUT_MS = 2000;

const max = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * `slawatch_tracker_consumer_lag{topic,partition}`: for each partition assigned to this
 * tracker, the messages between the group's position (the offset it will consume next)
 * and the partition's high watermark.
 *
 * Each committed batch sets it from the batch's own high watermark at no cost; each scrape
 * refreshes it from the brokers (the high watermarks and the group's committed offsets:
 * two requests), so that it grows while the tracker is stuck or slow, when no batch
 * completes, and reads 0 for idle partitions that are caught up. Partitions revoked in a
 * rebalance lose their series: another tracker reports them.
 */
export class ConsumerLag {
  private readonly gauge: Gauge<'topic' | 'partition'>;
  private assigned = new Set<number>();
  /** The next offset to consume, per assigned partition, as this tracker committed it. */
  private readonly positions = new Map<number, bigint>();
  private admin: Admin | null = null;
  private connecting: Promise<Admin> | null = null;
  private refreshing: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly groupId: string,
    registry: Registry | undefined,
    private readonly onRefreshError: (error: unknown) => void,
  ) {
    const refresh = () => this.refresh();
    this.gauge = new Gauge({
      name: 'slawatch_tracker_consumer_lag',
      help: 'Messages between the consumer group position and the high watermark, per partition assigned to this tracker.',
      labelNames: ['topic', 'partition'],
      registers: registry ? [registry] : [],
      async collect() {
        await refresh();
      },
    });
  }

  /** The partitions of the topic this tracker now has (on every group join). */
  assign(partitions: readonly number[]): void {
    const next = new Set(partitions);
    for (const p of this.assigned)
      if (!next.has(p)) {
        this.gauge.remove({ topic: this.topic, partition: String(p) });
        this.positions.delete(p);
      }
    this.assigned = next;
  }

  /** A batch was committed: `next` is the partition's new position. */
  committed(partition: number, next: bigint, highWatermark: string): void {
    if (!this.assigned.has(partition)) return;
    this.positions.set(partition, next);
    this.set(partition, BigInt(highWatermark) - next);
  }

  /** No partition is assigned any more (the consumer stopped). */
  clear(): void {
    this.assign([]);
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    this.connecting = null;
    await admin?.disconnect();
  }

  private set(partition: number, lag: bigint) {
    this.gauge.set({ topic: this.topic, partition: String(partition) }, Number(max(lag, 0n)));
  }

  /** Refreshes every assigned partition from the brokers; one request at a time. */
  private async refresh(): Promise<void> {
    if (this.assigned.size === 0) return;
    this.refreshing ??= this.fetch().finally(() => (this.refreshing = null));
    try {
      await withDeadline(this.refreshing, REFRESH_TIMEOUT_MS, 'the brokers did not answer in time');
      this.failing = false;
    } catch (error) {
      // Once per failure streak: a scrape every few seconds must not flood the log.
      if (!this.failing) this.onRefreshError(error);
      this.failing = true;
    }
  }

  private async connect(): Promise<Admin> {
    if (this.admin) return this.admin;
    this.connecting ??= (async () => {
      const admin = this.kafka.admin();
      try {
        await admin.connect();
      } catch (error) {
        this.connecting = null;
        throw error;
      }
      this.admin = admin;
      return admin;
    })();
    return this.connecting;
  }

  private async fetch(): Promise<void> {
    const admin = await this.connect();
    const [ends, groups] = await Promise.all([
      admin.fetchTopicOffsets(this.topic),
      admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] }),
    ]);
    const committed = new Map(
      (groups.find((g) => g.topic === this.topic)?.partitions ?? []).map((p) => [
        p.partition,
        BigInt(p.offset),
      ]),
    );
    for (const { partition, high, low } of ends) {
      if (!this.assigned.has(partition)) continue;
      // Without a commit (-1), or below the retained messages, the group starts at the low
      // watermark (`fromBeginning`); this tracker's own commit may be newer than the read.
      const position = max(
        max(committed.get(partition) ?? -1n, BigInt(low)),
        this.positions.get(partition) ?? -1n,
      );
      this.set(partition, BigInt(high) - position);
    }
  }
}
