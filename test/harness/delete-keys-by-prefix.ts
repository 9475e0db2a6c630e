import type { Redis } from 'ioredis';

/**
 * Deletes every key that starts with `prefix`, with SCAN (never KEYS, which blocks a shared
 * server) and UNLINK. Give it a client without a `keyPrefix`: ioredis would prefix the
 * UNLINKed names a second time, but not the SCAN pattern.
 *
 * @returns how many keys were removed
 */
export async function deleteKeysByPrefix(client: Redis, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) removed += await client.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
