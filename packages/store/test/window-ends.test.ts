import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, type TicketMetrics } from '@slawatch/core';
import { createKeys, MetricWindows, type Keys, type MetricUpdate } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const DIMS = ['*', 'emea', 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];

const created = (ticketId: string, version: number, at: number | null): MetricUpdate => {
  const facts: TicketMetrics['facts'] = at === null ? [] : [{ code: 'c', at }];
  return { ticketId, version, metrics: { dims: DIMS, facts, gauges: [], contact: null }, ttlMs: 0 };
};

// docs/metrics.md, "Windows and dimensions": windows of up to a day are exact to the
// minute at both ends; longer ones start at the first whole hour inside them, because
// per-minute buckets are kept for a day only.
describe.each(STORE_TARGETS)('where a window starts, on $name', (target) => {
  const redis = target.connect();
  let keys: Keys;
  let windows: MetricWindows;
  beforeEach(() => {
    keys = createKeys(freshPrefix('window-ends'), target.lanes);
    windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
  });
  afterAll(async () => {
    await redis.quit();
  });
  const createdIn = async (windowMs: number, now = NOW) =>
    (await windows.query({ windowMs, dimension: 'all' }, now)).values['*']?.volume.created ?? 0;
  const last = Math.floor(NOW / MINUTE);

  it('starts a day on the minute: its first minute counts, the one before does not', async () => {
    const first = last - DAY / MINUTE + 1;
    await windows.apply(
      [created('T-1', 1, first * MINUTE), created('T-2', 1, (first - 1) * MINUTE)],
      NOW,
    );
    const report = await windows.query({ windowMs: DAY, dimension: 'all' }, NOW);
    expect(report.from).toBe(new Date(first * MINUTE).toISOString());
    expect(report.values['*']?.volume.created).toBe(1);
  });

  it('starts 7 days at the first whole hour inside them, and says so in `from`', async () => {
    const nominal = last - (7 * DAY) / MINUTE + 1;
    const first = Math.ceil(nominal / 60) * 60;
    await windows.apply(
      [
        created('T-1', 1, first * MINUTE),
        created('T-2', 1, (first - 1) * MINUTE),
        created('T-3', 1, (first + 59) * MINUTE),
      ],
      NOW,
    );
    const report = await windows.query({ windowMs: 7 * DAY, dimension: 'all' }, NOW);
    expect(report.from).toBe(new Date(first * MINUTE).toISOString());
    expect(report.values['*']?.volume.created).toBe(2);
    // The trend of the week starts there too, and its slices add up to the window.
    const trend = await windows.trend({ windowMs: 7 * DAY, dimension: 'all' }, NOW);
    expect(trend.slices[0]!.from).toBe(report.from);
    const total = trend.slices.reduce((n, s) => n + (s.values['*']?.created ?? 0), 0);
    expect(total).toBe(2);
  });

  it('keeps per-minute buckets for the last day only, and counts older facts by the hour', async () => {
    const at = NOW - 2 * DAY;
    await windows.apply([created('T-1', 1, at)], NOW);
    const lane = keys.laneOf('T-1');
    expect(await redis.exists(keys.bucket(lane, 'm', Math.floor(at / MINUTE), 0))).toBe(0);
    expect(await redis.exists(keys.bucket(lane, 'h', Math.floor(at / HOUR), 0))).toBe(1);
    expect(await createdIn(7 * DAY)).toBe(1);
    expect(await createdIn(DAY)).toBe(0);
  });

  it('takes a fact back from every window after its minute bucket is no longer kept', async () => {
    // Counted by the minute and by the hour when new, taken back 3 hours later, when
    // its minute is older than a day: only the hour is changed then, and no window
    // reads the minute any more.
    const at = NOW - 23 * HOUR;
    await windows.apply([created('T-1', 1, at)], NOW);
    expect(await createdIn(DAY)).toBe(1);
    const later = NOW + 3 * HOUR;
    await windows.apply([created('T-1', 2, null)], later);
    expect(await createdIn(DAY, later)).toBe(0);
    expect(await createdIn(7 * DAY, later)).toBe(0);
    expect(await createdIn(HOUR, later)).toBe(0);
  });
});
