import { Redis } from 'ioredis';

/** A connection set up as `startServices` sets up the services' one. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  await redis.connect();
  return redis;
}
