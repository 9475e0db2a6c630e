import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_METRICS_SETTINGS, type TicketMetrics } from '@slawatch/core';
import { createKeys, MetricWindows, type Keys, type MetricUpdate } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const dims = (team: string) => ['*', team, 'billing', 'urgent', 'email', 'vip', 'fast', 'ana'];
const EMEA = { team: 'emea', priority: 'urgent', channel: 'email', policy: 'fast' };

const update = (
  version: number,
  team: string | null,
  counts: Record<string, number>,
  extra: Partial<TicketMetrics> = {},
): MetricUpdate => ({
  ticketId: 'T-1',
  version,
  metrics: { dims: team ? dims(team) : [], facts: [], gauges: [], contact: null, ...extra },
  counts,
  ttlMs: team ? 0 : 3_600_000,
});

const created = JSON.stringify({ kind: 'event', type: 'ticket.created' });
const commented = JSON.stringify({ kind: 'event', type: 'ticket.commented' });

describe.each(STORE_TARGETS)('Prometheus SLA series in Redis, on $name', (target) => {
  const redis = target.connect();
  let keys: Keys;
  let windows: MetricWindows;
  beforeEach(() => {
    keys = createKeys(freshPrefix('series'), target.lanes);
    windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
  });
  afterAll(async () => {
    await redis.quit();
  });

  /** Counter values by `code team`, gauge values by `code team`. */
  async function read() {
    const s = await windows.series.read();
    return {
      counts: Object.fromEntries(
        s.counts.map((c) => [`${JSON.stringify(c.code)} ${c.labels.team}`, c.value]),
      ),
      gauges: Object.fromEntries(s.gauges.map((g) => [`${g.code} ${g.labels.team}`, g.value])),
      durations: s.durations,
      deadLettered: s.deadLettered,
    };
  }

  it('raises counters by each version’s increase, once however often a version is applied', async () => {
    await windows.apply([update(1, 'emea', { e0: 1 })], NOW);
    await windows.apply([update(2, 'emea', { e0: 1, e3: 2 })], NOW);
    await windows.apply([update(2, 'emea', { e0: 1, e3: 2 })], NOW);
    expect((await read()).counts).toEqual({ [`${created} emea`]: 1, [`${commented} emea`]: 2 });
  });

  it('never lowers a counter, and counts later increases under the ticket’s new labels', async () => {
    await windows.apply([update(1, 'emea', { e3: 2 })], NOW);
    await windows.apply([update(2, 'emea', { e3: 1 })], NOW); // a correction: no decrease
    // The increase is over the last applied count (1): an outcome that flips back counts again.
    await windows.apply([update(3, 'us', { e3: 3 })], NOW);
    expect((await read()).counts).toEqual({ [`${commented} emea`]: 2, [`${commented} us`]: 2 });
  });

  it('moves gauges with the ticket, and a deleted ticket leaves them but counts its last event', async () => {
    await windows.apply([update(1, 'emea', { e0: 1 }, { gauges: ['go', 'ga'] })], NOW);
    await windows.apply([update(2, 'us', { e0: 1 }, { gauges: ['go'] })], NOW);
    expect((await read()).gauges).toEqual({ 'go us': 1 });
    await windows.apply([update(3, null, { e0: 1, e7: 1 })], NOW);
    const after = await read();
    expect(after.gauges).toEqual({});
    expect(after.counts[`${JSON.stringify({ kind: 'event', type: 'ticket.deleted' })} us`]).toBe(1);
  });

  it('observes each first-reply and resolution time once, in its bucket', async () => {
    const fr = { code: 'fr' as const, at: NOW - MINUTE, value: 10 * MINUTE };
    await windows.apply([update(1, 'emea', {}, { facts: [fr] })], NOW);
    await windows.apply([update(2, 'emea', {}, { facts: [fr], gauges: ['go'] })], NOW);
    const [d] = (await read()).durations;
    expect(d).toMatchObject({ code: 'fr', labels: EMEA, sumMs: 10 * MINUTE });
    // 600 s: above the 300 s bound, within 900 s (the third bucket).
    expect(d!.buckets.reduce((a, b) => a + b)).toBe(1);
    expect(d!.buckets[2]).toBe(1);
  });

  it('counts met clocks and breaches from new facts, once each', async () => {
    const met = { code: 'mf' as const, at: NOW - MINUTE };
    const breach = { code: 'bn' as const, at: NOW - 2 * MINUTE };
    await windows.apply([update(1, 'emea', {}, { facts: [met] })], NOW);
    await windows.apply([update(2, 'emea', {}, { facts: [met, breach] })], NOW);
    await windows.apply([update(2, 'emea', {}, { facts: [met, breach] })], NOW);
    expect((await read()).counts).toEqual({
      [`${JSON.stringify({ kind: 'finished', clock: 'firstResponse', outcome: 'met' })} emea`]: 1,
      [`${JSON.stringify({ kind: 'breach', clock: 'nextResponse' })} emea`]: 1,
    });
  });

  it('keeps the lifetime counts compact in the contribution, and reads them back', async () => {
    await windows.apply([update(1, 'emea', { e0: 1, e3: 12, xfb: 1 })], NOW);
    const text = (await redis.get(keys.contribution('T-1')))!;
    expect(text.endsWith(',"e0,e3:12,xfb"]')).toBe(true);
    await windows.apply([update(2, 'emea', { e0: 1, e3: 13, xfb: 1 })], NOW);
    expect((await read()).counts[`${commented} emea`]).toBe(13);
  });

  it('sums every lane’s part of the series: tickets spread over the lanes count once each', async () => {
    const ids = Array.from({ length: 24 }, (_, i) => `T-${i}`);
    // With several lanes the tickets land in more than one (else this would test nothing).
    expect(new Set(ids.map((id) => keys.laneOf(id))).size).toBe(Math.min(keys.lanes, 24));
    await windows.apply(
      ids.map((ticketId) => ({ ...update(1, 'emea', { e0: 1 }, { gauges: ['go'] }), ticketId })),
      NOW,
    );
    await windows.series.countDeadLetters(2);
    const s = await read();
    expect(s.counts).toEqual({ [`${created} emea`]: 24 });
    expect(s.gauges).toEqual({ 'go emea': 24 });
    expect(s.deadLettered).toBe(2);
  });

  it('counts dead-lettered events', async () => {
    await windows.series.countDeadLetters(3);
    await windows.series.countDeadLetters(0);
    expect((await read()).deadLettered).toBe(3);
  });
});
