import { describe, expect, it } from 'vitest';
import {
  parseInstant,
  parsePolicyDocument,
  periodReport,
  simulate,
  validateEvent,
  type AcceptedEvent,
  type ReportDimension,
  type TicketView,
} from '@slawatch/core';
import { SupportFloor } from '@slawatch/traffic';
import { expectedMetrics, expectMetricsEqual } from './support/expected-metrics.js';
import { referenceTickets, type RefTicket } from './support/reference-metrics.js';

// `slawatch report`'s figures (core's periodReport) against the plain reference over the
// raw events that the rolling metrics are checked against (metrics-equal-reference), for
// a month of the traffic simulator's history after a month before it: every figure exact,
// the percentiles too (the report reads every duration, not histograms).

const loaded = parsePolicyDocument(`
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h, periodicUpdate: 1h }
  - id: enterprise
    match: { customerTier: [enterprise] }
    calendar: office
    targets: { firstResponse: 1h, nextResponse: 2h, resolution: 8h, requesterWait: 6h }
  - id: standard
    match: { priority: [high, normal] }
    targets: { firstResponse: 4h, resolution: 24h }
`);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const policies = loaded.policySet;
const further = policies.metrics.furtherClocks;

const DAY = 86_400_000;
const START = Date.parse('2026-09-01T00:00:00Z');
const FROM = Date.parse('2026-10-01T00:00:00Z');
const TO = Date.parse('2026-11-01T00:00:00Z');

/** Two months of the simulated floor (seeded), delivered in order of delivery. */
function history(): object[] {
  const floor = new SupportFloor({ seed: 21, start: START, rate: 0.02 });
  const out: object[] = [];
  for (let at = START + 3_600_000; at <= TO + 2 * DAY; at += 3_600_000)
    for (const d of floor.advance(at)) out.push(d.event);
  return out;
}

describe('slawatch report agrees with a plain reference over the raw events', () => {
  it('gives the month and the month before, overall and by team, priority, policy and customer', () => {
    const events = history();
    const byTicket = new Map<string, AcceptedEvent[]>();
    events.forEach((value, seq) => {
      const r = validateEvent(value);
      if (!r.ok) throw new Error(r.reason);
      const list = byTicket.get(r.event.subject) ?? [];
      list.push({ event: r.event, time: r.time, seq });
      byTicket.set(r.event.subject, list);
    });
    const referenceAt = (end: number): RefTicket[] => {
      // As of the period's end: its events, and the engine's clocks then.
      const known = events.filter((e) => parseInstant((e as { time: string }).time)! <= end);
      const sim = simulate(
        known.map((value) => ({ value })),
        policies,
        end,
      );
      return referenceTickets(
        known,
        new Map<string, TicketView>(sim.tickets.map((t) => [t.ticketId, t])),
      );
    };
    const now = referenceAt(TO - 1);
    const before = referenceAt(FROM - 1);
    expect(now.length).toBeGreaterThan(1000);
    const all = now.flatMap((t) => t.facts.map((f) => f.name));
    for (const name of [
      'breached.firstResponse',
      'met.resolution',
      'nps',
      'csat',
      'reopen',
      'repeat',
    ])
      expect(all, name).toContain(name);

    for (const by of [
      null,
      'team',
      'priority',
      'policy',
      'customerId',
    ] as (ReportDimension | null)[]) {
      const report = periodReport(byTicket, policies, { from: FROM, to: TO, by });
      expect(report.previousFrom).toBe(FROM - (TO - FROM));
      const dim = by ?? 'all';
      const group = (tickets: RefTicket[]) => {
        const out = new Map<string, RefTicket[]>();
        for (const t of tickets) out.set(t.dims[dim]!, [...(out.get(t.dims[dim]!) ?? []), t]);
        return out;
      };
      const nowGroups = group(now);
      const beforeGroups = group(before);
      const rows = by === null ? [report.overall] : report.rows;
      if (by !== null)
        expect(new Set(rows.map((r) => r.value))).toEqual(
          new Set([...nowGroups.keys(), ...beforeGroups.keys()]),
        );
      for (const row of rows) {
        const value = by === null ? '*' : row.value;
        const period = expectedMetrics(nowGroups.get(value) ?? [], FROM, TO - 1, further);
        const previous = expectedMetrics(
          beforeGroups.get(value) ?? [],
          report.previousFrom,
          FROM - 1,
          further,
        );
        expectMetricsEqual(row.period, period, `${dim}=${value} period`);
        expectMetricsEqual(row.previous, previous, `${dim}=${value} previous`);
        // Exact, not within the histograms' 2 %.
        expect(row.period.firstResponseTime, `${dim}=${value}`).toMatchObject({
          p50: period.firstResponseTime.p50,
          p90: period.firstResponseTime.p90,
          p99: period.firstResponseTime.p99,
        });
        expect(row.period.resolutionTime.p90).toBe(period.resolutionTime.p90);
      }
    }
    // The breached clocks: one per breach the reference counts in the month.
    const report = periodReport(byTicket, policies, { from: FROM, to: TO, by: null });
    const breaches = now.flatMap((t) =>
      t.facts.filter((f) => f.name.startsWith('breached.') && f.at >= FROM && f.at < TO),
    );
    expect(report.breachedCount).toBe(breaches.length);
    expect(report.breached.every((b) => b.breachedAt >= FROM && b.breachedAt < TO)).toBe(true);
  });
});
