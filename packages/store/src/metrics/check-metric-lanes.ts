import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';

/**
 * Records the lane count the metrics under this prefix are written with, on first use,
 * and says when a process was started with another: its writes would land in other keys
 * and its queries would miss the others' (a silent double or half count). Returns null
 * when they agree, else a message naming both counts and what to do.
 */
export async function checkMetricLanes(redis: RedisClient, keys: Keys): Promise<string | null> {
  await redis.set(keys.metricLanes, String(keys.lanes), 'NX');
  const stored = Number(await redis.get(keys.metricLanes));
  if (stored === keys.lanes) return null;
  return (
    `SLAWATCH_METRIC_LANES: this process uses ${keys.lanes} metric lane(s), but the metrics ` +
    `under key prefix "${keys.prefix}" are written with ${stored}. Every process must use ` +
    `the same count; to change it, rebuild into a new SLAWATCH_KEY_PREFIX (docs/scaling.md)`
  );
}
