import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, formatInstant } from '@slawatch/core';
import { createKeys, LiveLists, MetricWindows, type MetricUpdate } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

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

const dims = (team: string) => ['*', team, 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];
const update = (ticketId: string, team: string): MetricUpdate => ({
  ticketId,
  version: 1,
  metrics: { dims: dims(team), facts: [], gauges: [], contact: null },
  ttlMs: 0,
});
const member = (id: string) => `${id}|firstResponse|1`;
const ids = (n: number, name: string) => Array.from({ length: n }, (_, i) => `${name}-${i}`);

describe.each(STORE_TARGETS)(
  'live lists read what they show, not the whole list, on $name',
  (target) => {
    const redis = target.connect();
    // The lists are written once for every test here: one fresh prefix for the lot.
    const keys = createKeys(freshPrefix('lists'), target.lanes);
    const windows = new CountingWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
    const lists = new LiveLists(redis, keys, windows);

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
      // big-0 is the newest breach and the soonest deadline; small's come after all of big's.
      // One ZADD per list: the three lists are slots of their own on a cluster, which one
      // pipeline may not span.
      const scored = (list: readonly string[], score: (i: number) => number) =>
        list.flatMap((id, i) => [score(i), member(id)]);
      await Promise.all([
        redis.zadd(keys.breaches, ...scored(big, (i) => NOW - i * 1000)),
        redis.zadd(keys.breaches, ...scored(small, (i) => NOW - (BIG + i) * 1000)),
        redis.zadd(keys.atRisk, ...scored(big, (i) => NOW + i * 1000)),
        redis.zadd(keys.atRisk, ...scored(small, (i) => NOW + (BIG + i) * 1000)),
        redis.zadd(keys.pausedAtRisk, ...scored(big, (i) => i * 1000)),
      ]);
    });

    afterAll(async () => {
      await redis.quit();
    });

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
  },
);
