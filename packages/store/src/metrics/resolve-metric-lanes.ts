import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis-client.js';

/** How many metric lanes a process uses, or why it must not start. */
export type MetricLanes = { readonly lanes: number } | { readonly problem: string };

/**
 * The lane count of the metrics under `prefix` (SLAWATCH_METRIC_LANES). The first process
 * records it in Redis: with `auto`, 1 on one Redis and one lane per master on a cluster
 * (each master then takes one lane, the least Redis work per event for an even share);
 * later processes with `auto` take the recorded count, so a cluster that grows keeps its
 * lanes until a rebuild. A process given another count than the recorded one must not
 * start: its writes would land in other keys and its queries would miss the others'.
 */
export async function resolveMetricLanes(
  redis: RedisClient,
  prefix: string,
  configured: number | 'auto',
): Promise<MetricLanes> {
  const key = `${prefix}:metric-lanes`;
  // Read first: a command connects the client, and a cluster's knows its masters after.
  let stored = Number(await redis.get(key));
  if (!stored) {
    const masters = redis instanceof Cluster ? redis.nodes('master').length : 1;
    const wanted = configured === 'auto' ? Math.max(1, masters) : configured;
    await redis.set(key, String(wanted), 'NX');
    stored = Number(await redis.get(key));
  }
  if (configured === 'auto' || stored === configured) return { lanes: stored };
  return {
    problem:
      `SLAWATCH_METRIC_LANES is ${configured}, but the metrics under key prefix "${prefix}" ` +
      `are written with ${stored} lane(s). Every process must use the same count (\`auto\` ` +
      `takes the recorded one); to change it, rebuild into a new SLAWATCH_KEY_PREFIX ` +
      `(docs/scaling.md)`,
  };
}
