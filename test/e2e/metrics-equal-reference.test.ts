import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIMENSIONS,
  formatInstant,
  simulate,
  type Dimension,
  type TicketView,
} from '@slawatch/core';
import { LiveLists } from '@slawatch/store';
import { OPEN_STATUSES } from '@slawatch/wire';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { dayOfTraffic } from './support/day-of-traffic.js';
import { expectedMetrics, expectMetricsEqual, windowStart } from './support/expected-metrics.js';
import { referenceTickets, type RefTicket } from './support/reference-metrics.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h, periodicUpdate: 1h, agentWork: 2h }
    warnAt: [0.5, 0.75]
  - id: enterprise
    match: { customerTier: [enterprise] }
    calendar: office
    targets: { firstResponse: 1h, nextResponse: 2h, resolution: 8h, pausableUpdate: 2h, requesterWait: 6h }
    warnAt: [0.8]
  - id: standard
    match: { priority: [high, normal] }
    targets: { firstResponse: 4h, resolution: 24h }
`;

const MINUTE = 60_000;
// The service's clock, pinned: the day of traffic ends here (a whole minute plus 30 s).
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE + 30_000;

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

    // The further clocks (docs/events.md) the document targets count in the metrics too.
    const further = p.policies.metrics.furtherClocks ?? [];
    expect(further).toEqual(['periodicUpdate', 'pausableUpdate', 'requesterWait', 'agentWork']);
    // ...and the day of traffic gives each of them outcomes to compare.
    for (const kind of further)
      expect(
        all.filter((name) => name === `met.${kind}` || name === `breached.${kind}`).length,
        `outcomes of ${kind}`,
      ).toBeGreaterThan(0);
    for (const window of p.policies.metrics.windows)
      for (const dimension of DIMENSIONS as readonly Dimension[]) {
        const report = await p.metrics.query({ windowMs: window.ms, dimension }, NOW);
        const from = windowStart(window.ms, NOW);
        expect(report.from, `${window.name} starts`).toBe(new Date(from).toISOString());
        const groups = new Map<string, RefTicket[]>();
        for (const t of reference)
          groups.set(t.dims[dimension]!, [...(groups.get(t.dims[dimension]!) ?? []), t]);
        const expectedKeys = [...groups]
          .filter(([, ts]) => expectedMetrics(ts, from, NOW, further).hasData)
          .map(([k]) => k)
          .sort();
        expect(Object.keys(report.values).sort(), `${window.name} ${dimension} values`).toEqual(
          expectedKeys,
        );
        for (const value of expectedKeys)
          expectMetricsEqual(
            report.values[value]!,
            expectedMetrics(groups.get(value)!, from, NOW, further),
            `${window.name} ${dimension}=${value}`,
          );
      }

    // The agents view: each team's agents over the team's tickets only, equal to the
    // reference grouped by team and then by agent.
    const teams = new Set(reference.map((t) => t.dims.team!));
    // ...with something to compare: a team with several agents, one of them on two teams.
    const pairs = new Set(reference.map((t) => `${t.dims.team}\n${t.dims.assignee}`));
    const agentsOf = (team: string) => [...pairs].filter((p) => p.startsWith(`${team}\n`));
    expect(Math.max(...[...teams].map((team) => agentsOf(team).length))).toBeGreaterThan(2);
    expect(pairs.size).toBeGreaterThan(new Set(reference.map((t) => t.dims.assignee)).size);
    for (const window of p.policies.metrics.windows)
      for (const team of teams) {
        const view = await p.metrics.agents({ windowMs: window.ms, team }, NOW);
        const from = windowStart(window.ms, NOW);
        const mine = reference.filter((t) => t.dims.team === team);
        const byAgent = new Map<string, RefTicket[]>();
        for (const t of mine)
          byAgent.set(t.dims.assignee!, [...(byAgent.get(t.dims.assignee!) ?? []), t]);
        const expectedAgents = [...byAgent]
          .filter(([, ts]) => expectedMetrics(ts, from, NOW, further).hasData)
          .map(([k]) => k)
          .sort();
        expect(Object.keys(view.values).sort(), `${window.name} agents of ${team}`).toEqual(
          expectedAgents,
        );
        for (const agent of expectedAgents)
          expectMetricsEqual(
            view.values[agent]!,
            expectedMetrics(byAgent.get(agent)!, from, NOW, further),
            `${window.name} ${team}/${agent}`,
          );
      }

    // The drill-down: the tickets and clocks behind the counts, written with them.
    const ids = (xs: readonly { ticketId: string }[]) => xs.map((x) => x.ticketId).sort();
    const having = (gauge: string, team?: string) =>
      ids(reference.filter((t) => t.gauges.includes(gauge) && (!team || t.dims.team === team)));
    for (const status of OPEN_STATUSES) {
      expect(ids(await lists.tickets({ statuses: [status] }, {}, 10_000)), status).toEqual(
        having(`backlog.${status}`),
      );
      expect(
        ids(await lists.tickets({ statuses: [status] }, { team: ['emea'] }, 10_000)),
        `${status} of emea`,
      ).toEqual(having(`backlog.${status}`, 'emea'));
    }
    expect(having('backlog.open').length).toBeGreaterThan(0);
    const backlog = await lists.tickets({ statuses: OPEN_STATUSES }, {}, 10_000);
    expect(backlog.map((t) => t.since)).toEqual(backlog.map((t) => t.since).sort());
    const breachedNow = await lists.tickets({ breached: true }, {}, 10_000);
    expect(ids(breachedNow)).toEqual(having('openBreached'));
    expect(breachedNow.length).toBeGreaterThan(0);
    // Outcomes of the last day, by ticket, clock and outcome, as the reference's facts.
    const dayFrom = windowStart(24 * 60 * MINUTE, NOW);
    const outcomeKey = (o: { ticketId: string; clock: string; outcome: string }) =>
      `${o.ticketId} ${o.clock} ${o.outcome}`;
    const expectedOutcomes = reference
      .flatMap((t) =>
        t.facts
          .filter((f) => /^(met|breached)\./.test(f.name) && f.at >= dayFrom)
          .map((f) => {
            const [outcome, clock] = f.name.split('.') as [string, string];
            return outcomeKey({ ticketId: t.ticketId, clock, outcome });
          }),
      )
      .sort();
    const outcomes = await lists.outcomes(dayFrom, NOW, {}, {}, 10_000);
    expect(outcomes.map(outcomeKey).sort()).toEqual(expectedOutcomes);
    expect(outcomes.map((o) => o.at)).toEqual(
      outcomes
        .map((o) => o.at)
        .sort()
        .reverse(),
    );
    const frBreaches = await lists.outcomes(
      dayFrom,
      NOW,
      { clock: ['firstResponse'], outcome: 'breached' },
      {},
      10_000,
    );
    expect(frBreaches.map(outcomeKey).sort()).toEqual(
      expectedOutcomes.filter((k) => k.endsWith(' firstResponse breached')),
    );
    expect(frBreaches.length).toBeGreaterThan(0);
  });
});
