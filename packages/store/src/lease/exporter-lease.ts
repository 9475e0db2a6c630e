import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis-client.js';
import { defineScripts, type SlawatchCommands } from '../scripts.js';

/**
 * A lease one instance of many holds at a time, with a time to live: the gateway that
 * holds it is the one that exports the shared SLA series to Prometheus, so that a sum
 * over the scraped instances counts every ticket once. A holder that dies loses it after
 * `ttlMs`; the next renewal by any other instance takes it.
 */
export class ExporterLease {
  private readonly redis: RedisClient & SlawatchCommands;

  constructor(
    redis: RedisClient,
    private readonly key: string,
    readonly ttlMs = 15_000,
    readonly holder: string = randomUUID(),
  ) {
    this.redis = defineScripts(redis);
  }

  /** Takes the lease if free, renews it if held; true while this instance holds it. */
  async renew(): Promise<boolean> {
    return (await this.redis.renewLeaseV1(this.key, this.holder, this.ttlMs)) === 1;
  }

  /** Gives the lease up at once (on shutdown), so another instance takes it over quickly. */
  async release(): Promise<void> {
    await this.redis.releaseLeaseV1(this.key, this.holder);
  }
}
