import { Cluster } from 'ioredis';
import { chunked } from './chunked.js';
import type { RedisClient } from './redis-client.js';

/** Keys one MGET reads at most: a command of bounded size, Redis busy with it for ~1 ms. */
const MGET_KEYS = 1_000;

/**
 * The string values of `keys` (null where none), in their order. One Redis answers them in
 * MGETs of up to 1,000 keys: a batch reads thousands of records, contributions and contact
 * lists, and a GET each was most of the commands the tracker sent (0.4 of about 0.7 an
 * event), each with its object, promise and reply to handle (bench:pipeline, issue 18). A
 * cluster gets one GET per key: the keys are in many slots, and the client groups them by
 * node itself.
 */
export async function getMany(
  redis: RedisClient,
  keys: readonly string[],
): Promise<(string | null)[]> {
  if (redis instanceof Cluster || keys.length <= 1)
    return Promise.all(keys.map((key) => redis.get(key)));
  const parts = await Promise.all(chunked(keys, MGET_KEYS).map((part) => redis.mget(part)));
  return parts.flat();
}
