import { expect } from 'vitest';
import { DIMENSIONS, simulate, type PolicySet } from '@slawatch/core';
import type { MetricsReport } from '@slawatch/store';
import {
  expectedMetrics,
  expectMetricsEqual,
  windowStart,
} from '../../e2e/support/expected-metrics.js';
import { parseSamples, sumOf, type Sample } from '../../e2e/support/prometheus-text.js';
import type { RefTicket } from '../../e2e/support/reference-metrics.js';

const get = async (url: string, token: string): Promise<Response> =>
  fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(10_000),
  });

/** `simulate` over one ticket's events as of `at`: its view, or null (unknown, deleted). */
function simulatedView(events: readonly object[], policies: PolicySet, at: number) {
  const result = simulate(
    events.map((value) => ({ value })),
    policies,
    at,
  );
  return JSON.stringify(result.tickets[0] ?? null);
}

/**
 * Reads every ticket's view from the gateways (taking turns) and asserts it is what
 * `slawatch simulate` of the same events gives as of some instant while the request was
 * in flight: a gateway answers "as of now", and running clocks count seconds, so the
 * instant is bracketed rather than guessed. Tickets are independent, so each is simulated
 * from its own events (fast enough to try every millisecond of the bracket). Returns how
 * many views were compared.
 */
export async function expectGatewayViews(
  gateways: readonly string[],
  token: string,
  events: readonly object[],
  policies: PolicySet,
): Promise<number> {
  const byTicket = new Map<string, object[]>();
  for (const e of events as { subject: string }[])
    byTicket.set(e.subject, [...(byTicket.get(e.subject) ?? []), e]);
  const ids = [...byTicket.keys()];
  const differ: { id: string; got: string; want: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const n = next++;
      const id = ids[n]!;
      const base = gateways[n % gateways.length]!;
      const from = Date.now();
      const res = await get(`${base}/api/v1/tickets/${encodeURIComponent(id)}`, token);
      const to = Date.now();
      const got = res.status === 404 ? 'null' : JSON.stringify(await res.json());
      const mine = byTicket.get(id)!;
      // The bracket's ends first: spent seconds change only at whole seconds.
      const instants = [to, from, ...Array.from({ length: to - from }, (_, k) => from + k + 1)];
      const matched = instants.some((at) => simulatedView(mine, policies, at) === got);
      if (!matched) differ.push({ id, got, want: simulatedView(mine, policies, to) });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // The first difference in full, so a failure says what went wrong.
  const first = differ[0];
  if (first) expect(JSON.parse(first.got), first.id).toEqual(JSON.parse(first.want));
  expect(differ.map((d) => d.id)).toEqual([]);
  return ids.length;
}

/**
 * Asserts that a gateway's rolling `window` answers, for every dimension and value, what
 * the plain reference computes from the raw events, as of the instant the answer names.
 */
export async function expectGatewayMetrics(
  gateway: string,
  token: string,
  window: { name: string; ms: number },
  reference: readonly RefTicket[],
  /** The further clock kinds the policy document targets (MetricsSettings.furtherClocks). */
  further: readonly string[] = [],
): Promise<void> {
  for (const dimension of DIMENSIONS) {
    const res = await get(
      `${gateway}/api/v1/metrics?window=${window.name}&dimension=${dimension}`,
      token,
    );
    expect(res.status, `${window.name} ${dimension}`).toBe(200);
    const report = (await res.json()) as MetricsReport;
    const at = Date.parse(report.at);
    const from = windowStart(window.ms, at);
    expect(report.from, `${window.name} starts`).toBe(new Date(from).toISOString());
    const groups = new Map<string, RefTicket[]>();
    for (const t of reference) {
      const value = t.dims[dimension]!;
      groups.set(value, [...(groups.get(value) ?? []), t]);
    }
    const expected = [...groups]
      .filter(([, ts]) => expectedMetrics(ts, from, at, further).hasData)
      .map(([value]) => value)
      .sort();
    expect(Object.keys(report.values).sort(), `${window.name} ${dimension} values`).toEqual(
      expected,
    );
    for (const value of expected)
      expectMetricsEqual(
        report.values[value]!,
        expectedMetrics(groups.get(value)!, from, at, further),
        `${window.name} ${dimension}=${value}`,
      );
  }
}

/** The SLA series' totals a reference gives, named as in `/metrics`. */
export function slaTotals(reference: readonly RefTicket[], distinctEvents: number) {
  const facts = reference.flatMap((t) => t.facts.map((f) => f.name));
  const gauges = reference.flatMap((t) => t.gauges);
  const count = (xs: readonly string[], name: string) => xs.filter((x) => x === name).length;
  return {
    events: distinctEvents,
    breaches: {
      firstResponse: count(facts, 'breached.firstResponse'),
      nextResponse: count(facts, 'breached.nextResponse'),
      resolution: count(facts, 'breached.resolution'),
    },
    open: {
      new: count(gauges, 'backlog.new'),
      open: count(gauges, 'backlog.open'),
      pending: count(gauges, 'backlog.pending'),
      on_hold: count(gauges, 'backlog.on_hold'),
    },
    atRisk: count(gauges, 'atRisk'),
    openBreached: count(gauges, 'openBreached'),
  };
}

/** The same totals read from `/metrics` samples (summed over labels and gateways). */
export function slaTotalsOf(samples: readonly Sample[]): ReturnType<typeof slaTotals> {
  const breaches = (clock: string) => sumOf(samples, 'slawatch_sla_breaches_total', { clock });
  const open = (status: string) => sumOf(samples, 'slawatch_open_tickets', { status });
  return {
    events: sumOf(samples, 'slawatch_events_total'),
    breaches: {
      firstResponse: breaches('firstResponse'),
      nextResponse: breaches('nextResponse'),
      resolution: breaches('resolution'),
    },
    open: {
      new: open('new'),
      open: open('open'),
      pending: open('pending'),
      on_hold: open('on_hold'),
    },
    atRisk: sumOf(samples, 'slawatch_sla_clocks_at_risk'),
    openBreached: sumOf(samples, 'slawatch_open_breached_tickets'),
  };
}

/** Every gateway's `/metrics`, parsed. */
export async function scrapeAll(gateways: readonly string[]): Promise<Sample[][]> {
  return Promise.all(
    gateways.map(async (base) => {
      const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) });
      return parseSamples(await res.text());
    }),
  );
}
