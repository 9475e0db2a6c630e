import type { RedisClient } from '../redis-client.js';
import type { Notification } from '@slawatch/core';
import type { Keys } from '../keys.js';

/** What happened to one notification at one receiver. */
export type DeliveryOutcome = 'delivered' | 'retried' | 'dead';

/** One line of the notification log, as the gateway serves it. */
export interface DeliveryRecord {
  readonly id: string;
  readonly receiver: string;
  readonly action: Notification['action'];
  readonly alertKey: string;
  readonly ticketId: string;
  readonly clock: string;
  readonly level: string;
  readonly team: string | null;
  readonly priority: string;
  readonly outcome: DeliveryOutcome;
  readonly at: string;
  readonly attempts: number;
  readonly error?: string;
}

/**
 * Writes records: KEYS[1] the log, KEYS[2..] each record's ticket; ARGV the log's length,
 * the tickets' lifetime, the instant, then per record its field, JSON and whether it
 * goes in the log (a retry does not).
 */
const RECORD = `
local keep, ttl, now = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local logged = false
for i = 2, #KEYS do
  local a = 4 + (i - 2) * 3
  redis.call('HSET', KEYS[i], ARGV[a], ARGV[a + 1])
  redis.call('PEXPIRE', KEYS[i], ttl)
  if ARGV[a + 2] == '1' then
    redis.call('ZADD', KEYS[1], now, ARGV[a + 1])
    logged = true
  end
end
if logged then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -keep - 1) end
return #KEYS - 1`;

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
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  record(r: DeliveryRecord, now: number): Promise<void> {
    return this.recordMany([r], now);
  }

  /**
   * Records several deliveries at once (a batch's): one count per receiver and outcome,
   * and one script for the log and the tickets' alerts (all in the notifications' slot).
   */
  async recordMany(records: readonly DeliveryRecord[], now: number): Promise<void> {
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
      redis.eval(RECORD, 1 + ticketKeys.length, this.keys.deliveries, ...ticketKeys, ...args),
    ]);
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
