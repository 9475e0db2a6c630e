import type { RedisClient } from './redis-client.js';

/** The settings slawatch's docs and deployment files give Redis, and why. */
const RECOMMENDED = [
  {
    name: 'hz',
    least: 100,
    why: "BullMQ's delayed jobs (the deadline timers) are released on Redis' hz cadence: p99 lateness about 95 ms at 10, 12 ms at 100",
  },
  {
    name: 'hash-max-listpack-entries',
    least: 1024,
    why: 'metric buckets of up to 1,024 fields stay compact listpacks: about 770 instead of 1,000 bytes a ticket over a week at the default of 512 (bench:metrics)',
  },
] as const;

/**
 * What a process should tell its operator about the Redis it was given: one line per
 * setting below the one slawatch recommends (docs/operations.md). Nothing is changed:
 * the server's configuration is the operator's. A Redis that refuses CONFIG GET (some
 * managed services) gets one line saying the settings could not be read. On a cluster
 * the node asked is one of the masters; they are expected to be configured alike.
 */
export async function redisAdvice(redis: RedisClient): Promise<string[]> {
  const advice: string[] = [];
  for (const setting of RECOMMENDED) {
    let reply: unknown;
    try {
      reply = await redis.call('CONFIG', 'GET', setting.name);
    } catch (error) {
      return [
        `could not read Redis' settings (${(error as Error).message}): check hz and hash-max-listpack-entries yourself (docs/operations.md)`,
      ];
    }
    const value = Array.isArray(reply) ? Number(reply[1]) : NaN;
    if (Number.isFinite(value) && value < setting.least)
      advice.push(
        `Redis has ${setting.name} ${value}; ${setting.least} is recommended: ${setting.why}`,
      );
  }
  return advice;
}
