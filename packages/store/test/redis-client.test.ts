import { describe, expect, inject, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import { createKeys, createRedisClient, duplicateClient } from '../src/index.js';
import { freshPrefix } from './store-targets.js';

describe("the services' Redis client", () => {
  it('is one Redis for SLAWATCH_REDIS_URL alone, and connects only when asked', async () => {
    const redis = createRedisClient({ url: inject('redisUrl'), cluster: [] });
    expect(redis).toBeInstanceOf(Redis);
    expect(redis.status).toBe('wait');
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    await redis.quit();
  });

  it('is a cluster client when seeds are given, even beside a URL, and reaches every slot', async () => {
    const seeds = inject('redisCluster').split(',');
    const redis = createRedisClient({ url: inject('redisUrl'), cluster: seeds.slice(0, 1) });
    expect(redis).toBeInstanceOf(Cluster);
    await redis.connect();
    const keys = createKeys(freshPrefix('client'), 6);
    const ids = Array.from({ length: 60 }, (_, i) => `T-${i}`);
    await Promise.all(ids.map((id) => redis.set(keys.contribution(id), id)));
    expect(await Promise.all(ids.map((id) => redis.get(keys.contribution(id))))).toEqual(ids);
    // A duplicate (BullMQ's, a subscriber's) is a cluster client too, with its own options.
    const copy = duplicateClient(redis, { maxRetriesPerRequest: null });
    expect(copy).toBeInstanceOf(Cluster);
    expect((copy as Cluster).options.redisOptions?.maxRetriesPerRequest).toBeNull();
    expect(await copy.get(keys.contribution('T-7'))).toBe('T-7');
    await Promise.all([redis.quit(), copy.quit()]);
  });
});
