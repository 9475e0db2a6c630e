import { expect } from 'vitest';
import { DEFAULT_QUALITY_WEIGHTS, type DurationStats, type MetricValues } from '@slawatch/core';
import { exactPercentile, type RefTicket } from './reference-metrics.js';

const MINUTE = 60_000;

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Where a window of `windowMs` at `now` starts, by the documented rule (docs/metrics.md):
 * at its first minute (the current minute is its last) for windows of up to a day, at the
 * first whole hour inside it for longer ones.
 */
export function windowStart(windowMs: number, now: number): number {
  const first = (Math.floor(now / MINUTE) + 1) * MINUTE - windowMs;
  return windowMs <= DAY ? first : Math.ceil(first / HOUR) * HOUR;
}

/**
 * What a rolling window from `from` (`windowStart`) to `now` must say for one dimension
 * value, from the reference facts of its tickets (reference-metrics.ts).
 */
export function expectedMetrics(
  tickets: readonly RefTicket[],
  from: number,
  now: number,
  /** The further clock kinds the policy document targets (MetricsSettings.furtherClocks). */
  further: readonly string[] = [],
) {
  const last = Math.floor(now / MINUTE);
  const first = from / MINUTE;
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
  const kinds = ['firstResponse', 'nextResponse', 'resolution', ...further];
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
    ...Object.fromEntries(further.map((k) => [k, ratio(met(k), met(k) + breached(k))])),
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
      ...Object.fromEntries(further.map((k) => [k, breached(k)])),
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

/** What {@link expectedMetrics} answers. */
export type ExpectedMetrics = ReturnType<typeof expectedMetrics>;

/**
 * Asserts that `actual` (a window's figures for one value) equals the reference: every
 * figure exact, percentiles within 2 %. `where` names the window and value in failures.
 */
export function expectMetricsEqual(actual: MetricValues, expected: ExpectedMetrics, where: string) {
  compareDuration(
    actual.firstResponseTime,
    expected.firstResponseTime,
    `${where} firstResponseTime`,
  );
  compareDuration(actual.nextResponseTime, expected.nextResponseTime, `${where} nextResponseTime`);
  compareDuration(actual.resolutionTime, expected.resolutionTime, `${where} resolutionTime`);
  compareDuration(actual.timeToEscalate, expected.timeToEscalate, `${where} timeToEscalate`);
  expect(Object.keys(actual.attainment).sort(), `${where} attainment kinds`).toEqual(
    Object.keys(expected.attainment).sort(),
  );
  const want: Record<string, number | null> = expected.attainment;
  const got: Record<string, number | null | undefined> = actual.attainment;
  for (const k of Object.keys(want))
    close(got[k] ?? null, want[k] ?? null, `${where} attainment.${k}`);
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
