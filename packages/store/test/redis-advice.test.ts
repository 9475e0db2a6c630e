import { describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis } from '@slawatch/test';
import { redisAdvice } from '../src/index.js';

describe('redisAdvice (what a process tells its operator about Redis at the start)', () => {
  it("names each setting below slawatch's recommendation, with its value and why", async () => {
    const server = await startRedis({ args: ['--hz', '10', '--hash-max-listpack-entries', '128'] });
    const redis = new Redis(server.url);
    try {
      const advice = await redisAdvice(redis);
      expect(advice).toHaveLength(2);
      expect(advice[0]).toMatch(/^Redis has hz 10; 100 is recommended: BullMQ's delayed jobs/);
      expect(advice[1]).toMatch(
        /^Redis has hash-max-listpack-entries 128; 1024 is recommended: metric buckets of up to 1,024 fields stay compact listpacks/,
      );
      // Nothing changed on the server.
      expect(await redis.config('GET', 'hz')).toEqual(['hz', '10']);
    } finally {
      await redis.quit();
      await server.stop();
    }
  });

  it('has nothing to say about a Redis set up as recommended (the harness and compose one)', async () => {
    const redis = new Redis(inject('redisUrl'));
    try {
      expect(await redisAdvice(redis)).toEqual([]);
    } finally {
      await redis.quit();
    }
  });

  it('says once that it could not read the settings when CONFIG is refused', async () => {
    const server = await startRedis({ args: ['--rename-command', 'CONFIG', ''] });
    const redis = new Redis(server.url);
    try {
      const advice = await redisAdvice(redis);
      expect(advice).toHaveLength(1);
      expect(advice[0]).toMatch(
        /^could not read Redis' settings \(.*unknown command.*\): check hz/i,
      );
    } finally {
      await redis.quit();
      await server.stop();
    }
  });
});
