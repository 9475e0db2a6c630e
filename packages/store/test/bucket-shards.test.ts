import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, DIMENSIONS, type TicketMetrics } from '@slawatch/core';
import { createKeys, MetricWindows, type Keys, type MetricUpdate } from '../src/index.js';
import { hourShards, shardOf } from '../src/metrics/bucket-shards.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const TEAM = DIMENSIONS.indexOf('team');
const TEAMS = Array.from({ length: 40 }, (_, i) => `team-${i}`);
/** Two days back: counted by the hour only, and read by the 7-day window whole. */
const AT = NOW - 2 * DAY;
const HOUR_INDEX = Math.floor(AT / HOUR);

const created = (ticketId: string, team: string): MetricUpdate => {
  const dims = ['*', team, 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];
  const facts: TicketMetrics['facts'] = [{ code: 'c', at: AT }];
  return { ticketId, version: 1, metrics: { dims, facts, gauges: [], contact: null }, ttlMs: 0 };
};

// bucket-shards.ts: an hour of a dimension is cut into hashes by value, so that each stays
// a compact listpack; shard 0 is the key of the versions before shards.
describe.each(STORE_TARGETS)('hour buckets cut into shards, on $name', (target) => {
  const redis = target.connect();
  let keys: Keys;
  let windows: MetricWindows;
  beforeEach(async () => {
    keys = createKeys(freshPrefix('bucket-shards'), target.lanes);
    windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
    await windows.apply(
      TEAMS.map((team, i) => created(`T-${i}`, team)),
      NOW,
    );
  });
  afterAll(async () => {
    await redis.quit();
  });
  const createdByTeam = async () => {
    const report = await windows.query({ windowMs: 7 * DAY, dimension: 'team' }, NOW);
    return Object.fromEntries(TEAMS.map((t) => [t, report.values[t]?.volume.created ?? 0]));
  };
  /** Every shard of the hour's team bucket in every lane: [lane, shard, fields]. */
  const shardHashes = async () => {
    const out: [number, number, Record<string, string>][] = [];
    for (let lane = 0; lane < keys.lanes; lane++)
      for (let shard = 0; shard < hourShards(TEAM); shard++)
        out.push([
          lane,
          shard,
          await redis.hgetall(keys.bucket(lane, 'h', HOUR_INDEX, TEAM, shard)),
        ]);
    return out;
  };

  it("writes each value's counters to its own shard, and reads them all back", async () => {
    const hashes = await shardHashes();
    const used = new Set<number>();
    for (const [, shard, fields] of hashes)
      for (const field of Object.keys(fields)) {
        expect(shardOf(field.slice(0, field.lastIndexOf('|')), hourShards(TEAM))).toBe(shard);
        used.add(shard);
      }
    expect(used.size).toBeGreaterThan(1);
    expect(await createdByTeam()).toEqual(Object.fromEntries(TEAMS.map((t) => [t, 1])));
  });

  it('counts an hour that an earlier version wrote whole, beside the shards', async () => {
    // As the versions before shards wrote it: every value's fields in the hour's one key
    // (shard 0's). The next apply then writes the same values to their shards.
    for (const [lane, shard, fields] of await shardHashes()) {
      if (shard === 0 || Object.keys(fields).length === 0) continue;
      const whole = keys.bucket(lane, 'h', HOUR_INDEX, TEAM);
      for (const [field, value] of Object.entries(fields))
        await redis.hincrby(whole, field, Number(value));
      await redis.del(keys.bucket(lane, 'h', HOUR_INDEX, TEAM, shard));
    }
    expect(await createdByTeam()).toEqual(Object.fromEntries(TEAMS.map((t) => [t, 1])));
    await windows.apply(
      TEAMS.map((team, i) => created(`T-${TEAMS.length + i}`, team)),
      NOW,
    );
    expect(await createdByTeam()).toEqual(Object.fromEntries(TEAMS.map((t) => [t, 2])));
  });
});

describe('shardOf', () => {
  it('gives every value the shard earlier versions gave it (stored keys depend on it)', () => {
    // Pinned: a change here would leave every stored hour's fields in shards no reader
    // looks in for the same value.
    expect(['emea', 'apac', 'T-1', 'emea/ana'].map((v) => shardOf(v, 8))).toEqual([5, 4, 1, 0]);
    expect(['emea', 'apac', 'T-1', 'emea/ana'].map((v) => shardOf(v, 32))).toEqual([21, 4, 1, 24]);
  });

  it('keeps `all` in one hash and spreads the other dimensions', () => {
    expect(hourShards(DIMENSIONS.indexOf('all'))).toBe(1);
    expect(new Set(TEAMS.map((t) => shardOf(t, hourShards(TEAM)))).size).toBe(hourShards(TEAM));
  });
});
