import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { DEFAULT_METRICS_SETTINGS, formatInstant } from '@slawatch/core';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createKeys, LiveLists, MetricWindows, type MetricUpdate } from '../src/index.js';

const redis = new Redis(inject('redisUrl'));
const prefix = `lists-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
/** Breaches (and clocks at risk) of team `big`: newer (and sooner) than `small`'s. */
const BIG = 2_000;
const SMALL = 3;

/** The real metric windows, counting the tickets whose dimension values a read loads. */
class CountingWindows extends MetricWindows {
  loaded = 0;
  override dimensionsOf(ticketIds: readonly string[]) {
    this.loaded += ticketIds.length;
    return super.dimensionsOf(ticketIds);
  }
}
const windows = new CountingWindows(redis, keys, DEFAULT_METRICS_SETTINGS);

const dims = (team: string) => ['*', team, 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];
const update = (ticketId: string, team: string): MetricUpdate => ({
  ticketId,
  version: 1,
  metrics: { dims: dims(team), facts: [], gauges: [], contact: null },
  ttlMs: 0,
});
const member = (id: string) => `${id}|firstResponse|1`;
const ids = (n: number, name: string) => Array.from({ length: n }, (_, i) => `${name}-${i}`);

/** How many tickets' dimension values `read` loads, and what it answers. */
async function counted<T>(read: () => Promise<T>): Promise<{ loaded: number; result: T }> {
  windows.loaded = 0;
  const result = await read();
  return { loaded: windows.loaded, result };
}

beforeAll(async () => {
  const big = ids(BIG, 'BIG');
  const small = ids(SMALL, 'SMALL');
  await windows.apply(
    [...big.map((id) => update(id, 'big')), ...small.map((id) => update(id, 'small'))],
    NOW,
  );
  const p = redis.pipeline();
  // big-0 is the newest breach and the soonest deadline; small's come after all of big's.
  big.forEach((id, i) => {
    p.zadd(keys.breaches, NOW - i * 1000, member(id));
    p.zadd(keys.atRisk, NOW + i * 1000, member(id));
    p.zadd(keys.pausedAtRisk, i * 1000, member(id));
  });
  small.forEach((id, i) => {
    p.zadd(keys.breaches, NOW - (BIG + i) * 1000, member(id));
    p.zadd(keys.atRisk, NOW + (BIG + i) * 1000, member(id));
  });
  await p.exec();
});

afterAll(async () => {
  await deleteKeysByPrefix(redis, prefix);
  await deleteKeysByPrefix(redis, `{${prefix}:`);
  await redis.quit();
});

describe('live lists read what they show, not the whole list', () => {
  const lists = new LiveLists(redis, keys, windows);

  it('loads the dimension values of one page of breaches only: 10 of 2,003, newest first', async () => {
    const { loaded, result } = await counted(() => lists.breaches(0, {}, 10));
    expect(result.map((c) => c.ticketId)).toEqual(ids(10, 'BIG'));
    expect(result[0]).toMatchObject({
      team: 'big',
      queue: 'billing',
      at: formatInstant(NOW),
    });
    expect(loaded).toBe(10);
  });

  it('loads one page of clocks at risk, and reads the paused list only once the running one is exhausted', async () => {
    const running = await counted(() => lists.atRisk({}, 5, { paused: true }));
    expect(running.result.map((c) => c.ticketId)).toEqual(ids(5, 'BIG'));
    expect(running.result.every((c) => c.state === 'running')).toBe(true);
    expect(running.loaded).toBe(5);

    const all = await counted(() => lists.atRisk({}, 1000, { paused: true }));
    expect(all.result).toHaveLength(1000);
    expect(all.loaded).toBe(1000);
  });

  it('pages through a filtered list until the limit is met: the other team behind 2,000 breaches is found', async () => {
    const { loaded, result } = await counted(() => lists.breaches(0, { team: ['small'] }, 10));
    expect(result.map((c) => c.ticketId)).toEqual(ids(SMALL, 'SMALL'));
    expect(loaded).toBe(BIG + SMALL);
  });

  it('examines at most scanLimit entries of a filtered list, and says so by listing only what it found', async () => {
    const bounded = new LiveLists(redis, keys, windows, 1_000);
    const { loaded, result } = await counted(() =>
      bounded.atRisk({ team: ['small'] }, 10, { paused: true }),
    );
    expect(result).toEqual([]);
    expect(loaded).toBe(1_000);
  });

  it('stops reading between pages once its signal is aborted', async () => {
    const aborted = AbortSignal.abort(new Error('the view was replaced'));
    await expect(lists.breaches(0, { team: ['small'] }, 10, { signal: aborted })).rejects.toThrow(
      'the view was replaced',
    );
  });
});
