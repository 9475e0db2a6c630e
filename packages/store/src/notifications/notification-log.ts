import type { RedisClient } from '../redis-client.js';
import type { Notification } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { callVariadic, defineScripts } from '../scripts.js';

/** What happened to one notification at one receiver. */
export type DeliveryOutcome = 'delivered' | 'retried' | 'dead';

/** One line of the notification log, as the gateway serves it. */
export interface DeliveryRecord {
  readonly id: string;
  readonly receiver: string;
  readonly action: Notification['action'];
  readonly alertKey: string;
  /** Empty for a `digest`, which is of no ticket. */
  readonly ticketId: string;
  /** Null for a `feedback` alert, which is about a survey, not a clock (and a `digest`). */
  readonly clock: string | null;
  readonly level: string;
  readonly team: string | null;
  /** Null for a `digest`. */
  readonly priority: string | null;
  readonly outcome: DeliveryOutcome;
  readonly at: string;
  readonly attempts: number;
  readonly error?: string;
}

/** The log keeps this many deliveries, and each ticket's alerts this long. */
const KEEP = 10_000;
const TICKET_TTL_MS = 7 * 86_400_000;

/**
 * The record of deliveries, for the gateway: a capped log of the latest ones, each
 * ticket's alerts by receiver with their latest state, and counts by receiver and
 * outcome in the Prometheus series hash (field `n<outcome>|<receiver JSON>`). Written by
 * the notifier after each attempt; at least once, like the deliveries themselves.
 */
export class NotificationLog {
  private readonly redis: RedisClient;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.redis = defineScripts(redis);
  }

  record(r: DeliveryRecord, now: number): Promise<void> {
    return this.recordMany([r], now);
  }

  /**
   * Records several deliveries at once (a batch's): one count per receiver and outcome,
   * and one script for the log and the tickets' alerts (lua/record-deliveries-1.lua).
   */
  async recordMany(all: readonly DeliveryRecord[], now: number): Promise<void> {
    // A digest is of no ticket: in the log only.
    const digests = all.filter((r) => r.level === 'digest');
    if (digests.length > 0) await this.recordDigests(digests, now);
    const records = digests.length === 0 ? all : all.filter((r) => r.level !== 'digest');
    if (records.length === 0) return;
    const counts = new Map<string, number>();
    const ticketKeys: string[] = [];
    const args: (string | number)[] = [KEEP, TICKET_TTL_MS, now];
    for (const r of records) {
      const field = `n${r.outcome}|${JSON.stringify(r.receiver)}`;
      counts.set(field, (counts.get(field) ?? 0) + 1);
      ticketKeys.push(this.keys.ticketAlerts(r.ticketId));
      args.push(`${r.alertKey}|${r.receiver}`, JSON.stringify(r), r.outcome === 'retried' ? 0 : 1);
    }
    // Sent together, not as a pipeline: the series is in another slot (keys.ts).
    const redis = this.redis;
    await Promise.all([
      ...[...counts].map(([field, n]) => redis.hincrby(this.keys.series, field, n)),
      callVariadic(redis, 'recordDeliveriesV1', 1 + ticketKeys.length, [
        this.keys.deliveries,
        ...ticketKeys,
        ...args,
      ]),
    ]);
  }

  /** Digests' deliveries: counted, and in the log unless retried. */
  private async recordDigests(records: readonly DeliveryRecord[], now: number): Promise<void> {
    const logged = records.filter((r) => r.outcome !== 'retried');
    await Promise.all(
      records.map((r) =>
        this.redis.hincrby(this.keys.series, `n${r.outcome}|${JSON.stringify(r.receiver)}`, 1),
      ),
    );
    if (logged.length === 0) return;
    await this.redis
      .multi()
      .zadd(this.keys.deliveries, ...logged.flatMap((r) => [now, JSON.stringify(r)]))
      .zremrangebyrank(this.keys.deliveries, 0, -KEEP - 1)
      .exec();
  }

  /** The latest deliveries (delivered or given up on), newest first. */
  async recent(limit: number, keep: (r: DeliveryRecord) => boolean = () => true) {
    const out: DeliveryRecord[] = [];
    // Filters may drop many: read in pages until `limit` are kept or the log ends.
    for (let start = 0; out.length < limit; start += 500) {
      const page = await this.redis.zrevrange(this.keys.deliveries, start, start + 499);
      for (const text of page) {
        const r = JSON.parse(text) as DeliveryRecord;
        if (keep(r)) out.push(r);
        if (out.length === limit) break;
      }
      if (page.length < 500) break;
    }
    return out;
  }

  /** The latest record of one alert at one receiver, or null. */
  async latest(
    ticketId: string,
    alertKey: string,
    receiver: string,
  ): Promise<DeliveryRecord | null> {
    const text = await this.redis.hget(this.keys.ticketAlerts(ticketId), `${alertKey}|${receiver}`);
    return text === null ? null : (JSON.parse(text) as DeliveryRecord);
  }

  /** A ticket's alerts at each receiver, with their latest state, by alert key. */
  async forTicket(ticketId: string): Promise<DeliveryRecord[]> {
    const hash = await this.redis.hgetall(this.keys.ticketAlerts(ticketId));
    return Object.values(hash)
      .map((text) => JSON.parse(text) as DeliveryRecord)
      .sort((a, b) => (a.alertKey < b.alertKey ? -1 : a.alertKey > b.alertKey ? 1 : 0));
  }
}
