import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, type TicketMetrics } from '@slawatch/core';
import { createKeys, MetricWindows, type Keys, type MetricUpdate } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const DIMS = ['*', 'emea', 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];

const update = (
  ticketId: string,
  version: number,
  facts: TicketMetrics['facts'],
  gauges: TicketMetrics['gauges'] = [],
): MetricUpdate => ({
  ticketId,
  version,
  metrics: { dims: DIMS, facts, gauges, contact: null },
  ttlMs: 0,
});

describe.each(STORE_TARGETS)('rolling metric windows in Redis, on $name', (target) => {
  const redis = target.connect();
  let keys: Keys;
  let windows: MetricWindows;
  beforeEach(() => {
    keys = createKeys(freshPrefix('metrics'), target.lanes);
    windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
  });
  afterAll(async () => {
    await redis.quit();
  });
  const all = async (windowMs = 15 * MINUTE) =>
    (await windows.query({ windowMs, dimension: 'all' }, NOW)).values['*'];

  it('sums a closed period from the buckets, and refuses one they cannot give exactly', async () => {
    const hour = Math.floor(NOW / 3_600_000) * 3_600_000;
    await windows.apply(
      [
        update('P-1', 1, [{ code: 'c', at: hour - 150 * MINUTE }]),
        update('P-2', 1, [{ code: 'c', at: hour - 70 * MINUTE }]),
        update('P-3', 1, [{ code: 'c', at: hour - 10 * MINUTE }]),
      ],
      NOW,
    );
    const created = async (from: number, to: number) =>
      (await windows.period({ from, to, dimension: 'team' }, NOW)).emea?.volume.created ?? 0;
    expect(await created(hour - 3 * 3_600_000, hour)).toBe(3);
    expect(await created(hour - 2 * 3_600_000, hour - 3_600_000)).toBe(1);
    expect(await created(hour - 71 * MINUTE, hour - 69 * MINUTE)).toBe(1);
    const refused = (from: number, to: number) =>
      windows.period({ from, to, dimension: 'all' }, NOW);
    await expect(refused(hour + 30_000, hour + MINUTE)).rejects.toThrow(/whole minutes/);
    await expect(refused(hour, hour + 120 * MINUTE)).rejects.toThrow(/after the current minute/);
    await expect(refused(hour - 9 * 86_400_000, hour)).rejects.toThrow(/buckets kept/);
    // The longest window (7 days) and up to half an hour more is kept: a week just ended.
    expect(windows.holds(hour - 7 * 86_400_000, hour + 29 * MINUTE)).toBe(true);
    expect(windows.holds(hour - 7 * 86_400_000, hour + 31 * MINUTE)).toBe(false);
    await expect(refused(hour - 25 * 3_600_000 - MINUTE, hour)).rejects.toThrow(/whole hours/);
  });

  it('applies a version once: a redelivered update changes nothing', async () => {
    const u = update('T-1', 1, [{ code: 'c', at: NOW - MINUTE }], ['go']);
    await windows.apply([u], NOW);
    await windows.apply([u], NOW);
    expect((await all())?.volume.created).toBe(1);
    expect((await all())?.now.backlog.open).toBe(1);
  });

  it('applies a batch of more tickets than one script takes exactly once, even replayed after a crash between its scripts', async () => {
    // 1,001 tickets: three scripts of at most 400. The first 400 applied alone stand for
    // a crash after the first script; the whole batch then comes again, twice.
    const batch = Array.from({ length: 1_001 }, (_, i) =>
      update(`B-${i}`, 1, [{ code: 'fr', at: NOW - (i % 10) * MINUTE, value: 1_000 * i }], ['go']),
    );
    await windows.apply(batch.slice(0, 400), NOW);
    await windows.apply(batch, NOW);
    await windows.apply(batch, NOW);
    const v = await all();
    expect(v?.firstResponseTime.count).toBe(1_001);
    // The mean of 0, 1, ..., 1,000 seconds: every value counted once.
    expect(v?.firstResponseTime.mean).toBe(500);
    expect(v?.now.backlog.open).toBe(1_001);
    // A new version of every ticket moves all of them, across the scripts' boundaries.
    await windows.apply(
      batch.map((u) => ({ ...u, version: 2, metrics: { ...u.metrics, gauges: ['gp'] } })),
      NOW,
    );
    expect((await all())?.now.backlog).toEqual({
      new: 0,
      open: 0,
      pending: 1_001,
      on_hold: 0,
      total: 1_001,
    });
  });

  it('applies the difference when a ticket changes: facts move, gauges follow', async () => {
    await windows.apply([update('T-1', 1, [{ code: 'c', at: NOW - MINUTE }], ['go'])], NOW);
    await windows.apply(
      [
        update(
          'T-1',
          2,
          [
            { code: 'c', at: NOW - MINUTE },
            { code: 'fr', at: NOW, value: 90_000 },
          ],
          ['gp'],
        ),
      ],
      NOW,
    );
    const v = await all();
    expect(v?.volume.created).toBe(1);
    expect(v?.firstResponseTime.count).toBe(1);
    expect(v?.firstResponseTime.mean).toBe(90);
    expect(v?.now.backlog).toEqual({ new: 0, open: 0, pending: 1, on_hold: 0, total: 1 });
    // Deleted: it leaves every metric, and no zero counters are left behind.
    await windows.apply([update('T-1', 3, [], [])], NOW);
    expect(await all()).toBeUndefined();
    expect(await redis.hlen(keys.gauges(keys.laneOf('T-1'), 0))).toBe(0);
  });

  it('counts by event time: a fact outside the window is not in it, and a window moves by the minute', async () => {
    await windows.apply(
      [
        update('T-1', 1, [{ code: 'c', at: NOW - 20 * MINUTE }]),
        update('T-2', 1, [{ code: 'c', at: NOW - 14 * MINUTE }]),
      ],
      NOW,
    );
    expect((await all(15 * MINUTE))?.volume.created).toBe(1);
    expect((await all(3_600_000))?.volume.created).toBe(2);
    const later = await windows.query({ windowMs: 15 * MINUTE, dimension: 'all' }, NOW + MINUTE);
    expect(later.values['*']?.volume.created ?? 0).toBe(0);
  });

  it('breaks down by dimension and filters by value', async () => {
    await windows.apply([update('T-1', 1, [{ code: 'c', at: NOW }])], NOW);
    const report = await windows.query(
      { windowMs: 3_600_000, dimension: 'team', values: ['emea', 'us'] },
      NOW,
    );
    expect(Object.keys(report.values)).toEqual(['emea', 'us']);
    expect(report.values.emea?.volume.created).toBe(1);
    expect(report.values.us?.volume.created).toBe(0);
  });

  it('lets buckets expire on their own an hour after the longest window they serve', async () => {
    await windows.apply([update('T-1', 1, [{ code: 'c', at: NOW }])], NOW);
    const minute = Math.floor(NOW / MINUTE);
    // Minutes serve the windows of up to a day, hours every window.
    const expiry = (minute + 1) * MINUTE + 86_400_000 + 3_600_000;
    const lane = keys.laneOf('T-1');
    const ttl = await redis.pttl(keys.bucket(lane, 'm', minute, 0));
    expect(Math.abs(Date.now() + ttl - expiry)).toBeLessThan(5_000);
    const hour = Math.floor(minute / 60);
    const hourExpiry = (hour + 1) * 3_600_000 + 7 * 86_400_000 + 3_600_000;
    const hourTtl = await redis.pttl(keys.bucket(lane, 'h', hour, 0));
    expect(Math.abs(Date.now() + hourTtl - hourExpiry)).toBeLessThan(5_000);
  });

  it('ignores facts older than every window', async () => {
    const at = NOW - 8 * 86_400_000;
    await windows.apply([update('T-1', 1, [{ code: 'c', at }])], NOW);
    const lane = keys.laneOf('T-1');
    expect(await redis.exists(keys.bucket(lane, 'm', Math.floor(at / MINUTE), 0))).toBe(0);
    expect(await redis.exists(keys.contribution('T-1'))).toBe(1);
  });

  describe('trends: the window cut into slices', () => {
    it('puts each fact in the slice of its minute, and the slices add up to the window', async () => {
      const facts = [0, 3, 7, 22, 59].map((ago) => ({
        code: 'c' as const,
        at: NOW - ago * MINUTE,
      }));
      await windows.apply(
        facts.map((f, i) => update(`T-${i}`, 1, [f])),
        NOW,
      );
      const trend = await windows.trend({ windowMs: 60 * MINUTE, dimension: 'all' }, NOW);
      expect(trend.window).toBe('1h');
      expect(trend.stepMinutes).toBe(5);
      const minuteOf = (iso: string) => Date.parse(iso) / MINUTE;
      const last = Math.floor(NOW / MINUTE);
      // Contiguous, oldest first, covering exactly the window's 60 minutes.
      expect(minuteOf(trend.slices[0]!.from)).toBe(last - 59);
      expect(minuteOf(trend.slices.at(-1)!.to)).toBe(last + 1);
      trend.slices.forEach((slice, i) => {
        if (i > 0) expect(slice.from).toBe(trend.slices[i - 1]!.to);
        // Aligned to the step, but for the clipped first slice.
        if (i > 0) expect(minuteOf(slice.from) % 5).toBe(0);
      });
      for (const f of facts) {
        const minute = Math.floor(f.at / MINUTE);
        const slice = trend.slices.find(
          (s) => minuteOf(s.from) <= minute && minute < minuteOf(s.to),
        )!;
        expect(slice.values['*']?.created).toBeGreaterThan(0);
      }
      const total = trend.slices.reduce((n, s) => n + (s.values['*']?.created ?? 0), 0);
      expect(total).toBe((await all(60 * MINUTE))?.volume.created);
      expect(total).toBe(5);
    });

    it('reads hourly slices of a day from the hour buckets, with figures per slice', async () => {
      await windows.apply(
        [
          update('T-1', 1, [
            { code: 'c', at: NOW - 5 * 60 * MINUTE },
            { code: 'fr', at: NOW - 5 * 60 * MINUTE, value: 60_000 },
          ]),
          update('T-2', 1, [
            { code: 'c', at: NOW - 2 * 60 * MINUTE },
            { code: 'fr', at: NOW - 2 * 60 * MINUTE, value: 600_000 },
          ]),
        ],
        NOW,
      );
      const trend = await windows.trend({ windowMs: 24 * 60 * MINUTE, dimension: 'all' }, NOW);
      expect(trend.stepMinutes).toBe(60);
      expect(trend.slices.length).toBeLessThanOrEqual(25);
      const withReplies = trend.slices.filter(
        (s) => (s.values['*']?.firstResponseP50 ?? null) !== null,
      );
      expect(withReplies.map((s) => Math.round(s.values['*']!.firstResponseP50! / 60))).toEqual([
        1, 10,
      ]);
      // A slice with nothing in it has no value at all, not zeros.
      expect(trend.slices.filter((s) => s.values['*'] === undefined).length).toBe(
        trend.slices.length - 2,
      );
    });

    it('keeps only the values asked for, each present even when empty', async () => {
      await windows.apply([update('T-1', 1, [{ code: 'c', at: NOW }])], NOW);
      const trend = await windows.trend(
        { windowMs: 15 * MINUTE, dimension: 'team', values: ['emea', 'nowhere'] },
        NOW,
      );
      expect(trend.stepMinutes).toBe(1);
      expect(trend.slices).toHaveLength(15);
      expect(Object.keys(trend.slices.at(-1)!.values)).toEqual(['emea', 'nowhere']);
      expect(trend.slices.at(-1)!.values['emea']?.created).toBe(1);
      expect(trend.slices.at(-1)!.values['nowhere']?.created).toBe(0);
    });
  });
});
