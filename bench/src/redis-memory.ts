import type { Redis } from 'ioredis';

/**
 * Bytes of data in Redis (INFO memory `used_memory`) less what is not data: the Lua script
 * cache (the scripts BullMQ and slawatch load once) and the clients' buffers.
 */
export async function dataMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_memory') - field('used_memory_scripts') - field('mem_clients_normal');
}

/** `dataMemory` once it has stopped moving (incremental rehashing, lazy frees). */
export async function settledDataMemory(redis: Redis, maxMs = 3_000): Promise<number> {
  let last = await dataMemory(redis);
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await dataMemory(redis);
    if (Math.abs(now - last) < 1024) return now;
    last = now;
  }
  return last;
}

/** Every key matching `pattern`, with SCAN (never KEYS). */
export async function scanKeys(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** MEMORY USAGE of each key, exact (SAMPLES 0 looks at every element). */
export async function memoryUsage(redis: Redis, keys: readonly string[]): Promise<number[]> {
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value ?? 0);
  });
}
