import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_METRICS_SETTINGS,
  DIMENSIONS,
  repeatContacts,
  type MetricValues,
  type TicketMetrics,
} from '@slawatch/core';
import {
  createKeys,
  laneTags,
  slotOf,
  MetricWindows,
  resolveMetricLanes,
  type MetricUpdate,
} from '../src/index.js';
import type { ContactWork } from '../src/metrics/metric-windows.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const SLOTS = 16_384;

describe('metric lanes: the key layout', () => {
  it('keeps the keys of every version so far with one lane', () => {
    const keys = createKeys('slw');
    expect(keys.contribution('T-1')).toBe('{slw:m}:c:T-1');
    expect(keys.bucket(0, 'm', 7, 2)).toBe('{slw:m}:m:7:2');
    expect(keys.laneSeries(0)).toBe(keys.series);
  });

  it('puts lane i in the i-th equal part of the slots, so equal slot ranges get equal lanes', () => {
    for (const lanes of [2, 3, 6, 12, 16]) {
      laneTags('slw', lanes).forEach((tag, i) => {
        const slot = slotOf(tag);
        expect(slot).toBeGreaterThanOrEqual(Math.ceil((i * SLOTS) / lanes));
        expect(slot).toBeLessThan(Math.ceil(((i + 1) * SLOTS) / lanes));
      });
    }
  });

  it('spreads tickets over the lanes: no lane takes more than 1.5/N of them', () => {
    for (const lanes of [3, 6, 12]) {
      const keys = createKeys('slw', lanes);
      const count = Array<number>(lanes).fill(0);
      for (let i = 0; i < 20_000; i++) count[keys.laneOf(`ZD-${100_000 + i}`)]!++;
      expect(Math.max(...count) / 20_000).toBeLessThanOrEqual(1.5 / lanes);
    }
  });

  it('records the lane count at first use: auto is 1 on one Redis, one per master on a cluster', async () => {
    const [single, cluster] = STORE_TARGETS.map((t) => t.connect());
    const one = freshPrefix('lanes');
    expect(await resolveMetricLanes(single!, one, 'auto')).toEqual({ lanes: 1 });
    const many = freshPrefix('lanes');
    expect(await resolveMetricLanes(cluster!, many, 'auto')).toEqual({ lanes: 3 });
    // Later processes: auto takes the recorded count, the same number agrees, another refuses.
    expect(await resolveMetricLanes(cluster!, many, 'auto')).toEqual({ lanes: 3 });
    expect(await resolveMetricLanes(cluster!, many, 3)).toEqual({ lanes: 3 });
    const refused = await resolveMetricLanes(cluster!, many, 12);
    expect('problem' in refused && refused.problem).toMatch(
      /SLAWATCH_METRIC_LANES is 12, but the metrics under key prefix "lanes-\w+" are written with 3 lane\(s\)/,
    );
    const fixed = freshPrefix('lanes');
    expect(await resolveMetricLanes(single!, fixed, 4)).toEqual({ lanes: 4 });
    expect(await resolveMetricLanes(single!, fixed, 'auto')).toEqual({ lanes: 4 });
    await Promise.all([single!.quit(), cluster!.quit()]);
  });
});

// A deterministic stream of ticket versions: creations, replies, category and team changes,
// deletions, with requesters shared across tickets so that repeat contacts span lanes.
function ticketHistory(tickets: number): MetricUpdate[][] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const versions: MetricUpdate[][] = [];
  for (let t = 0; t < tickets; t++) {
    const id = `T-${t}`;
    const created = NOW - Math.floor(random() * 9 * DAY);
    const requester = `R-${Math.floor(random() * tickets * 0.3)}`;
    let category = pick(['billing', 'login', 'bug']);
    let team = pick(['emea', 'us', 'apac']);
    const own: MetricUpdate[] = [];
    const steps = 1 + Math.floor(random() * 4);
    for (let v = 1; v <= steps; v++) {
      const deleted = v === steps && random() < 0.1;
      if (random() < 0.3) category = pick(['billing', 'login', 'bug']);
      if (random() < 0.3) team = pick(['emea', 'us', 'apac']);
      const dims = ['*', team, 'q1', pick(['urgent', 'normal']), 'email', '-', 'p', '-'];
      const replied = Math.min(created + v * 20 * MINUTE, NOW);
      const metrics: TicketMetrics = deleted
        ? { dims: [], facts: [], gauges: [], contact: null }
        : {
            dims,
            facts: [
              { code: 'c', at: created },
              ...(v > 1 ? [{ code: 'fr' as const, at: replied, value: replied - created }] : []),
            ],
            gauges: v === steps ? ['go'] : ['gn'],
            contact: { requester, category, at: created },
          };
      own.push({
        ticketId: id,
        version: v,
        metrics,
        counts: { e0: 1, e3: v - 1 },
        ...(deleted ? { seriesDims: dims } : {}),
        ttlMs: 0,
      });
    }
    versions.push(own);
  }
  return versions;
}

/** Batches of at most `size` updates, each ticket's versions in order across batches. */
function batches(history: readonly MetricUpdate[][], size: number): MetricUpdate[][] {
  const queues = history.map((versions) => [...versions]);
  const out: MetricUpdate[][] = [];
  while (queues.some((q) => q.length > 0)) {
    const batch: MetricUpdate[] = [];
    for (const q of queues) if (q.length > 0 && batch.length < size) batch.push(q.shift()!);
    out.push(batch);
  }
  return out;
}

async function snapshot(windows: MetricWindows) {
  const out: Record<string, unknown> = {};
  for (const dimension of ['all', 'team', 'priority'] as const)
    for (const windowMs of [HOUR, DAY, 7 * DAY])
      out[`${dimension}/${windowMs}`] = (await windows.query({ windowMs, dimension }, NOW)).values;
  out.trend = (await windows.trend({ windowMs: DAY, dimension: 'team' }, NOW)).slices;
  // The series in a stable order: a hash's field order is no figure.
  const series = await windows.series.read();
  const sorted = <T>(items: readonly T[]) => items.map((x) => JSON.stringify(x)).sort();
  out.series = {
    counts: sorted(series.counts),
    gauges: sorted(series.gauges.filter((g) => g.value !== 0)),
    durations: sorted(series.durations),
    deadLettered: series.deadLettered,
  };
  return out;
}

/** Crashes once between a batch's contributions and its contact lists, as a killed tracker would. */
class CrashingWindows extends MetricWindows {
  crashes = 0;
  protected override async applyContacts(
    pending: readonly ContactWork[],
    now: number,
    known: ReadonlyMap<string, string | null> | null,
  ) {
    if (this.crashes-- > 0) throw new Error('killed between the two steps');
    return super.applyContacts(pending, now, known);
  }
}

describe('metric lanes: an installation from before lanes', () => {
  it('keeps the repeat contacts of the lists stored before (one lane, one Redis)', async () => {
    const redis = STORE_TARGETS[0]!.connect();
    const keys = createKeys(freshPrefix('legacy'));
    const windows = new MetricWindows(redis, keys, DEFAULT_METRICS_SETTINGS);
    // What an earlier version wrote for ticket OLD: its list, in the old form and key.
    const old = NOW - 3 * DAY;
    await redis.set(
      `{${keys.prefix}:m}:r:${JSON.stringify(['R-1', 'billing'])}`,
      JSON.stringify([['OLD', old]]),
    );
    const created = NOW - HOUR;
    await windows.apply(
      [
        {
          ticketId: 'NEW',
          version: 1,
          metrics: {
            dims: ['*', 'emea', 'q1', 'normal', 'email', '-', 'p', '-'],
            facts: [{ code: 'c', at: created }],
            gauges: [],
            contact: { requester: 'R-1', category: 'billing', at: created },
          },
          ttlMs: 0,
        },
      ],
      NOW,
    );
    const day = (await windows.query({ windowMs: DAY, dimension: 'all' }, NOW)).values['*']!;
    expect(day.volume.created).toBe(1);
    expect(day.repeatContactRate).toBe(1);
    await redis.quit();
  });
});

describe('metric lanes: the same figures on one Redis and on a cluster', () => {
  const history = ticketHistory(600);
  const plan = batches(history, 80);
  const clients = STORE_TARGETS.map((t) => t.connect());
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts every figure, repeat contacts included, as one lane on one Redis does', async () => {
    const results = [];
    for (const [i, target] of STORE_TARGETS.entries()) {
      const keys = createKeys(freshPrefix('lanes-equal'), target.lanes);
      const windows = new CrashingWindows(clients[i]!, keys, DEFAULT_METRICS_SETTINGS);
      for (const [n, batch] of plan.entries()) {
        // Every fifth batch is killed between its steps and redelivered, every seventh is
        // delivered twice, and every ninth is followed by a stale copy of an earlier one.
        if (n % 5 === 0) {
          windows.crashes = 1;
          await expect(windows.apply(batch, NOW)).rejects.toThrow('killed');
        }
        await windows.apply(batch, NOW);
        if (n % 7 === 0) await windows.apply(batch, NOW);
        if (n % 9 === 0 && n > 0) await windows.apply(plan[n - 1]!, NOW);
      }
      results.push(await snapshot(windows));
    }
    const [single, cluster] = results;
    expect(cluster).toEqual(single);
    // And both are exact: the week's repeat contacts are those of the final versions.
    const lists = new Map<string, Map<string, number>>();
    for (const versions of history) {
      const contact = versions.at(-1)!.metrics.contact;
      if (!contact) continue;
      const key = `${contact.requester}|${contact.category}`;
      if (!lists.has(key)) lists.set(key, new Map());
      lists.get(key)!.set(versions[0]!.ticketId, contact.at);
    }
    const flags = new Map<string, boolean>();
    for (const list of lists.values()) repeatContacts(list, flags);
    // A window longer than a day starts at the first whole hour inside it (docs/metrics.md).
    const first = Math.ceil((Math.floor(NOW / MINUTE) - (7 * DAY) / MINUTE + 1) / 60) * 60;
    const createdAt = new Map(history.map((v) => [v[0]!.ticketId, v.at(-1)!.metrics.contact?.at]));
    const expected = [...flags].filter(
      ([id, repeat]) => repeat && Math.floor(createdAt.get(id)! / MINUTE) >= first,
    ).length;
    const week = single!['all/604800000'] as Record<string, MetricValues>;
    const { created } = week['*']!.volume;
    expect(Math.round(week['*']!.repeatContactRate! * created)).toBe(expected);
    expect(expected).toBeGreaterThan(20);
  });

  it('gives no slot more than about 1.5/N of the metric writes', async () => {
    const target = STORE_TARGETS[1]!;
    const keys = createKeys(freshPrefix('lanes-spread'), target.lanes);
    const windows = new MetricWindows(clients[1]!, keys, DEFAULT_METRICS_SETTINGS);
    for (const batch of plan) await windows.apply(batch, NOW);
    // Every field of every minute bucket of the `all` dimension, per lane: the writes it took.
    const perLane = await Promise.all(
      Array.from({ length: keys.lanes }, async (_, lane) => {
        let fields = 0;
        for (let m = Math.floor((NOW - 9 * DAY) / MINUTE); m <= NOW / MINUTE; m += 1) {
          const key = keys.bucket(lane, 'h', Math.floor(m / 60), DIMENSIONS.indexOf('all'));
          if (m % 60 === 0) fields += Number(await clients[1]!.hlen(key));
        }
        return fields;
      }),
    );
    const total = perLane.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(Math.max(...perLane) / total).toBeLessThanOrEqual(1.5 / keys.lanes);
  });
});
