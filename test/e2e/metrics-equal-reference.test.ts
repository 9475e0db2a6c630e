import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALITY_WEIGHTS,
  DIMENSIONS,
  formatInstant,
  simulate,
  type Dimension,
  type DurationStats,
  type MetricValues,
  type TicketView,
} from '@slawatch/core';
import { LiveLists } from '@slawatch/store';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { dayOfTraffic } from './support/day-of-traffic.js';
import { exactPercentile, referenceTickets, type RefTicket } from './support/reference-metrics.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5, 0.75]
  - id: enterprise
    match: { customerTier: [enterprise] }
    calendar: office
    targets: { firstResponse: 1h, nextResponse: 2h, resolution: 8h }
    warnAt: [0.8]
  - id: standard
    match: { priority: [high, normal] }
    targets: { firstResponse: 4h, resolution: 24h }
`;

const MINUTE = 60_000;
// The service's clock, pinned: the day of traffic ends here (a whole minute plus 30 s).
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE + 30_000;

/** What the windows must say for one dimension value, from the reference facts. */
function expectedValues(tickets: readonly RefTicket[], windowMs: number) {
  const last = Math.floor(NOW / MINUTE);
  const first = last - windowMs / MINUTE + 1;
  const inWindow = (at: number) =>
    Math.floor(at / MINUTE) >= first && Math.floor(at / MINUTE) <= last;
  const facts = tickets.flatMap((t) => t.facts.filter((f) => inWindow(f.at)));
  const count = (name: string) => facts.filter((f) => f.name === name).length;
  const valuesOf = (name: string) => facts.filter((f) => f.name === name).map((f) => f.value!);
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  const gauge = (name: string) => tickets.flatMap((t) => t.gauges).filter((g) => g === name).length;
  const duration = (name: string) => {
    const ms = valuesOf(name);
    return {
      count: ms.length,
      mean: ms.length === 0 ? null : ms.reduce((a, b) => a + b, 0) / ms.length / 1000,
      p50: exactPercentile(
        ms.map((v) => v / 1000),
        0.5,
      ),
      p90: exactPercentile(
        ms.map((v) => v / 1000),
        0.9,
      ),
      p99: exactPercentile(
        ms.map((v) => v / 1000),
        0.99,
      ),
    };
  };
  const met = (k: string) => count(`met.${k}`);
  const breached = (k: string) => count(`breached.${k}`);
  const kinds = ['firstResponse', 'nextResponse', 'resolution'];
  const csat = valuesOf('csat');
  const nps = valuesOf('nps');
  const npsScore =
    nps.length === 0
      ? null
      : ((nps.filter((s) => s >= 9).length - nps.filter((s) => s <= 6).length) / nps.length) * 100;
  const attainment = {
    firstResponse: ratio(met('firstResponse'), met('firstResponse') + breached('firstResponse')),
    nextResponse: ratio(met('nextResponse'), met('nextResponse') + breached('nextResponse')),
    resolution: ratio(met('resolution'), met('resolution') + breached('resolution')),
    overall: ratio(
      kinds.reduce((s, k) => s + met(k), 0),
      kinds.reduce((s, k) => s + met(k) + breached(k), 0),
    ),
  };
  const fcrRate = ratio(count('fcr'), count('solved'));
  const reopenRate = ratio(count('reopen'), count('solve'));
  const csatShare = ratio(csat.filter((s) => s >= 4).length, csat.length);
  const components = {
    firstResponseAttainment: attainment.firstResponse,
    resolutionAttainment: attainment.resolution,
    fcrRate,
    csatShare,
    nps: npsScore === null ? null : (npsScore + 100) / 200,
    notReopened: reopenRate === null ? null : 1 - reopenRate,
  };
  const present = Object.entries(components).filter(([, q]) => q !== null) as [
    keyof typeof DEFAULT_QUALITY_WEIGHTS,
    number,
  ][];
  const weightSum = present.reduce((s, [c]) => s + DEFAULT_QUALITY_WEIGHTS[c], 0);
  const backlog = {
    new: gauge('backlog.new'),
    open: gauge('backlog.open'),
    pending: gauge('backlog.pending'),
    on_hold: gauge('backlog.on_hold'),
  };
  return {
    hasData: facts.length > 0 || tickets.some((t) => t.gauges.length > 0),
    firstResponseTime: duration('firstResponseTime'),
    nextResponseTime: duration('nextResponseTime'),
    resolutionTime: duration('resolutionTime'),
    timeToEscalate: duration('timeToEscalate'),
    attainment,
    breaches: {
      firstResponse: breached('firstResponse'),
      nextResponse: breached('nextResponse'),
      resolution: breached('resolution'),
      total: kinds.reduce((s, k) => s + breached(k), 0),
    },
    volume: { created: count('created'), solved: count('solved'), replies: count('reply') },
    solves: count('solve'),
    reopens: count('reopen'),
    escalated: count('timeToEscalate'),
    fcrRate,
    reopenRate,
    escalationRate: ratio(count('timeToEscalate'), count('created')),
    csat: {
      count: csat.length,
      share: csatShare,
      mean: csat.length === 0 ? null : csat.reduce((a, b) => a + b, 0) / csat.length,
    },
    nps: { count: nps.length, score: npsScore },
    repeatContacts: count('repeat'),
    repeatContactRate: ratio(count('repeat'), count('created')),
    qualityScore:
      weightSum === 0
        ? null
        : (present.reduce((s, [c, q]) => s + DEFAULT_QUALITY_WEIGHTS[c] * q, 0) / weightSum) * 100,
    now: {
      backlog: { ...backlog, total: Object.values(backlog).reduce((a, b) => a + b, 0) },
      openBreached: gauge('openBreached'),
      atRisk: gauge('atRisk'),
    },
  };
}

const close = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(actual!, what).toBeCloseTo(expected, 9);
};

/** Percentiles within 2 % of the exact value; every other figure exact. */
function compareDuration(actual: DurationStats, expected: DurationStats, what: string) {
  expect(actual.count, `${what} count`).toBe(expected.count);
  close(actual.mean, expected.mean, `${what} mean`);
  for (const q of ['p50', 'p90', 'p99'] as const) {
    const e = expected[q];
    if (e === null) expect(actual[q], `${what} ${q}`).toBeNull();
    else
      expect(Math.abs(actual[q]! - e), `${what} ${q}: ${actual[q]} vs ${e}`).toBeLessThanOrEqual(
        0.02 * e,
      );
  }
}

function compare(actual: MetricValues, expected: ReturnType<typeof expectedValues>, where: string) {
  compareDuration(
    actual.firstResponseTime,
    expected.firstResponseTime,
    `${where} firstResponseTime`,
  );
  compareDuration(actual.nextResponseTime, expected.nextResponseTime, `${where} nextResponseTime`);
  compareDuration(actual.resolutionTime, expected.resolutionTime, `${where} resolutionTime`);
  compareDuration(actual.timeToEscalate, expected.timeToEscalate, `${where} timeToEscalate`);
  for (const k of ['firstResponse', 'nextResponse', 'resolution', 'overall'] as const)
    close(actual.attainment[k], expected.attainment[k], `${where} attainment.${k}`);
  expect(actual.breaches, `${where} breaches`).toEqual(expected.breaches);
  expect(actual.volume, `${where} volume`).toEqual(expected.volume);
  expect(
    [actual.solves, actual.reopens, actual.escalated],
    `${where} solves, reopens, escalated`,
  ).toEqual([expected.solves, expected.reopens, expected.escalated]);
  close(actual.fcrRate, expected.fcrRate, `${where} fcrRate`);
  close(actual.reopenRate, expected.reopenRate, `${where} reopenRate`);
  close(actual.escalationRate, expected.escalationRate, `${where} escalationRate`);
  expect(actual.csat.count, `${where} csat.count`).toBe(expected.csat.count);
  close(actual.csat.share, expected.csat.share, `${where} csat.share`);
  close(actual.csat.mean, expected.csat.mean, `${where} csat.mean`);
  expect(actual.nps.count, `${where} nps.count`).toBe(expected.nps.count);
  close(actual.nps.score, expected.nps.score, `${where} nps.score`);
  expect(actual.repeatContacts, `${where} repeatContacts`).toBe(expected.repeatContacts);
  close(actual.repeatContactRate, expected.repeatContactRate, `${where} repeatContactRate`);
  close(actual.qualityScore, expected.qualityScore, `${where} qualityScore`);
  expect(actual.now, `${where} now`).toEqual(expected.now);
}

type Ids = { source: string; id: string };

describe('rolling metrics in Redis agree with a plain reference over raw events', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline('metrics', POLICIES, { alerter: false, now: () => NOW });
  });
  afterAll(async () => p?.stop());

  it('gives every metric, window and dimension the reference value, across a tracker restart and redelivery', async () => {
    const events = dayOfTraffic(500, 11, NOW);
    const half = Math.floor(events.length / 2);
    await p.produce(events.slice(0, half));
    await waitUntil(() => p.tracker.stats.events >= half, 60_000, 'the first half');
    await p.tracker.stop();
    await p.restartTracker();
    // The second half, and the first half delivered again.
    await p.produce(events.slice(half));
    await p.produce(events.slice(0, half));
    await waitUntil(() => p.tracker.stats.events >= events.length, 90_000, 'everything');

    const sim = simulate(
      events.map((value) => ({ value })),
      p.policies,
      NOW,
    );
    expect(sim.rejected).toEqual([]);
    const views = new Map<string, TicketView>(sim.tickets.map((t) => [t.ticketId, t]));
    const reference = referenceTickets(events, views);
    // The traffic exercises what the metrics count.
    const all = reference.flatMap((t) => t.facts.map((f) => f.name));
    for (const name of [
      'reopen',
      'fcr',
      'nextResponseTime',
      'nps',
      'met.resolution',
      'repeat',
      'breached.firstResponse',
    ])
      expect(all, name).toContain(name);
    expect(reference.some((t) => t.gauges.includes('atRisk'))).toBe(true);

    // The at-risk list, soonest deadline first, for one team.
    const atRisk = reference
      .filter((t) => t.dims.team === 'emea')
      .flatMap((t) =>
        views
          .get(t.ticketId)!
          .clocks.filter((c) => c.atRisk !== null)
          .map((c) => ({
            ticketId: t.ticketId,
            clock: c.kind,
            cycle: c.cycle,
            deadline: Date.parse(c.deadline!),
            team: 'emea',
            queue: t.dims.queue!,
            priority: t.dims.priority!,
            policy: t.dims.policy!,
            assignee: t.dims.assignee!,
          })),
      )
      .sort(
        (a, b) =>
          a.deadline - b.deadline ||
          (`${a.ticketId}|${a.clock}|${a.cycle}` < `${b.ticketId}|${b.clock}|${b.cycle}` ? -1 : 1),
      );
    expect(atRisk.length).toBeGreaterThan(0);
    const lists = new LiveLists(p.redis, p.keys, p.metrics);
    expect(await lists.atRisk({ team: ['emea'] })).toEqual(
      atRisk.map(({ deadline, ...a }) => ({ ...a, at: formatInstant(deadline) })),
    );

    // The Prometheus series count every event once across the restart and redelivery, and
    // their gauges and breach counters agree with the reference.
    const series = await p.metrics.series.read();
    const sum = (xs: readonly { value: number }[]) => xs.reduce((a, x) => a + x.value, 0);
    // The traffic repeats some events itself (same source and id): folded, and counted, once.
    const distinct = new Set(events.map((e) => JSON.stringify([(e as Ids).source, (e as Ids).id])));
    expect(distinct.size).toBeLessThan(events.length);
    expect(sum(series.counts.filter((c) => c.code.kind === 'event'))).toBe(distinct.size);
    const gauge = (code: string) => sum(series.gauges.filter((g) => g.code === code));
    const now = reference.flatMap((t) => t.gauges);
    const count = (name: string) => now.filter((g) => g === name).length;
    expect([gauge('gn'), gauge('go'), gauge('gp'), gauge('gh'), gauge('ga'), gauge('gb')]).toEqual([
      count('backlog.new'),
      count('backlog.open'),
      count('backlog.pending'),
      count('backlog.on_hold'),
      count('atRisk'),
      count('openBreached'),
    ]);
    for (const clock of ['firstResponse', 'nextResponse', 'resolution'])
      expect(
        sum(series.counts.filter((c) => c.code.kind === 'breach' && c.code.clock === clock)),
        `breaches of ${clock}`,
      ).toBe(all.filter((name) => name === `breached.${clock}`).length);

    for (const window of p.policies.metrics.windows)
      for (const dimension of DIMENSIONS as readonly Dimension[]) {
        const report = await p.metrics.query({ windowMs: window.ms, dimension }, NOW);
        const groups = new Map<string, RefTicket[]>();
        for (const t of reference)
          groups.set(t.dims[dimension]!, [...(groups.get(t.dims[dimension]!) ?? []), t]);
        const expectedKeys = [...groups]
          .filter(([, ts]) => expectedValues(ts, window.ms).hasData)
          .map(([k]) => k)
          .sort();
        expect(Object.keys(report.values).sort(), `${window.name} ${dimension} values`).toEqual(
          expectedKeys,
        );
        for (const value of expectedKeys)
          compare(
            report.values[value]!,
            expectedValues(groups.get(value)!, window.ms),
            `${window.name} ${dimension}=${value}`,
          );
      }
  });
});
