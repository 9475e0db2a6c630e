import { afterAll, describe, expect, it } from 'vitest';
import { parsePolicyDocument, type AcceptedEvent, type PolicySet } from '@slawatch/core';
import type { TimerQueue } from '../src/index.js';
import { createKeys, MetricWindows, updateTickets } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';
import { acceptedEvent } from '@slawatch/test';
import { trackedStore } from './tracked-store.js';

// The agents view (MetricWindows.agents): one team's agents over that team's tickets only.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;

const policiesWith = (metrics = ''): PolicySet => {
  const r = parsePolicyDocument(`
policies:
  - { id: p, targets: { firstResponse: 15m } }
${metrics}`);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policySet;
};

const event = acceptedEvent;

/** A ticket of `team` assigned to `agent` (none: unassigned), answered after `wait` minutes. */
const ticket = (id: string, team: string, agent: string | null, wait: number | null) => {
  const at = NOW - 40 * MINUTE;
  return [
    event(id, at, 'ticket.created', { priority: 'normal', channel: 'email', team }),
    ...(agent ? [event(id, at + MINUTE, 'ticket.assigned', { assigneeId: agent })] : []),
    ...(wait === null
      ? []
      : [event(id, at + wait * MINUTE, 'ticket.commented', { author: 'agent', public: true })]),
  ];
};

describe.each(STORE_TARGETS)('the agents view, on $name', (target) => {
  const redis = target.connect();
  const opened: TimerQueue[] = [];
  afterAll(async () => {
    for (const t of opened) await t.close();
    await redis.quit();
  });

  async function track(policies: PolicySet, tickets: [string, AcceptedEvent[]][]) {
    const { deps, metrics } = trackedStore(redis, target.lanes, policies, opened, 'agents');
    await updateTickets(deps, new Map(tickets), NOW);
    return metrics;
  }

  it('gives each agent the team’s tickets only, the unassigned as "-", and the team’s row', async () => {
    const metrics = await track(policiesWith(), [
      ['E-1', ticket('E-1', 'emea', 'ana', 5)],
      ['E-2', ticket('E-2', 'emea', 'ana', 20)],
      ['E-3', ticket('E-3', 'emea', 'bo', null)],
      ['E-4', ticket('E-4', 'emea', null, null)],
      ['U-1', ticket('U-1', 'us', 'ana', 3)],
    ]);
    const emea = await metrics.agents({ windowMs: HOUR, team: 'emea' }, NOW);
    expect(Object.keys(emea.values)).toEqual(['-', 'ana', 'bo']);
    const ana = emea.values.ana!;
    expect(ana.firstResponseTime.count).toBe(2);
    expect(ana.breaches.firstResponse).toBe(1);
    expect(ana.attainment.firstResponse).toBe(0.5);
    expect(emea.values.bo!.now.backlog.total).toBe(1);
    expect(emea.values['-']!.now.openBreached).toBe(1);
    // The team's row is the team dimension's figures; its agents' rows add up to it.
    const team = await metrics.query({ windowMs: HOUR, dimension: 'team', values: ['emea'] }, NOW);
    expect(emea.teamValues).toEqual(team.values.emea);
    const created = Object.values(emea.values).reduce((a, v) => a + v.volume.created, 0);
    expect(created).toBe(emea.teamValues.volume.created);
    // ana's us ticket is in us's view, not in emea's.
    const us = await metrics.agents({ windowMs: HOUR, team: 'us' }, NOW);
    expect(Object.keys(us.values)).toEqual(['ana']);
    expect(us.values.ana!.firstResponseTime.count).toBe(1);
    // A team of nobody: no agents, an empty team row.
    const none = await metrics.agents({ windowMs: HOUR, team: 'nobody' }, NOW);
    expect(none.values).toEqual({});
    expect(none.teamValues.volume.created).toBe(0);
  });

  it('reads a team whose name holds glob and separator characters as itself only', async () => {
    const odd = 'a*[b]?\\c/d';
    const metrics = await track(policiesWith(), [
      ['G-1', ticket('G-1', odd, 'ana', 5)],
      ['G-2', ticket('G-2', 'a', 'bo', 5)],
      ['G-3', ticket('G-3', 'a*[b]?', 'cy', 5)],
    ]);
    const agentsOf = async (team: string) =>
      Object.keys((await metrics.agents({ windowMs: HOUR, team }, NOW)).values);
    expect(await agentsOf(odd)).toEqual(['ana']);
    expect(await agentsOf('a')).toEqual(['bo']);
    expect(await agentsOf('a*[b]?')).toEqual(['cy']);
    expect(await agentsOf('a*')).toEqual([]);
  });

  it('follows a ticket moved to another agent', async () => {
    const metrics = await track(policiesWith(), [
      [
        'M-1',
        [
          ...ticket('M-1', 'emea', 'ana', null),
          event('M-1', NOW - 10 * MINUTE, 'ticket.assigned', { assigneeId: 'bo' }),
        ],
      ],
    ]);
    const emea = await metrics.agents({ windowMs: HOUR, team: 'emea' }, NOW);
    expect(Object.keys(emea.values)).toEqual(['bo']);
    expect(emea.values.bo!.now.backlog.total).toBe(1);
  });

  it('counts team and agent pairs past the cap under the team "other", the agent kept', async () => {
    const metrics = await track(policiesWith('metrics: { valuesPerDimension: 3 }'), [
      ['C-1', ticket('C-1', 'emea', 'ana', 5)],
      ['C-2', ticket('C-2', 'emea', 'bo', 5)],
      ['C-3', ticket('C-3', 'us', 'ana', 5)],
      ['C-4', ticket('C-4', 'us', 'bo', 5)],
    ]);
    const views = await Promise.all(
      ['emea', 'us', 'other'].map((team) => metrics.agents({ windowMs: HOUR, team }, NOW)),
    );
    const pairs = views.flatMap((v) => Object.keys(v.values).map((agent) => `${v.team}/${agent}`));
    expect(pairs).toHaveLength(4);
    expect(pairs.filter((p) => p.startsWith('other/'))).toHaveLength(1);
    // The assignee dimension, the sum of the pairs over teams, keeps both agents whole.
    const byAgent = await metrics.query({ windowMs: HOUR, dimension: 'assignee' }, NOW);
    expect(byAgent.values.ana!.volume.created).toBe(2);
    expect(byAgent.values.bo!.volume.created).toBe(2);
  });

  it('reads figures stored before the pairs existed, and moves them at the ticket’s next change', async () => {
    const keys = createKeys(freshPrefix('agents-legacy'), target.lanes);
    const metrics = new MetricWindows(redis, keys, policiesWith().metrics);
    const dims = ['*', 'emea', 'billing', 'urgent', 'email', 'vip', 'p', 'ana'];
    const update = (version: number, d: string[]) => ({
      ticketId: 'L-1',
      version,
      metrics: {
        dims: d,
        facts: [{ code: 'c' as const, at: NOW - 5 * MINUTE }],
        gauges: ['go' as const],
        contact: null,
      },
      ttlMs: 0,
    });
    const byAgent = async () =>
      (await metrics.query({ windowMs: HOUR, dimension: 'assignee' }, NOW)).values;
    // Stored by a tracker before the pairs: the assignee buckets hold it.
    await metrics.apply([update(1, dims)], NOW);
    expect((await byAgent()).ana).toMatchObject({
      volume: { created: 1 },
      now: { backlog: { total: 1 } },
    });
    expect((await metrics.agents({ windowMs: HOUR, team: 'emea' }, NOW)).values).toEqual({});
    // Its next change moves it to the pair: counted once, in both views.
    await metrics.apply([update(2, [...dims, 'emea/ana'])], NOW);
    expect((await byAgent()).ana).toMatchObject({
      volume: { created: 1 },
      now: { backlog: { total: 1 } },
    });
    const emea = await metrics.agents({ windowMs: HOUR, team: 'emea' }, NOW);
    expect(emea.values.ana).toMatchObject({ volume: { created: 1 } });
    const lane = keys.laneOf('L-1');
    const assignee = 7;
    expect(await redis.hlen(keys.gauges(lane, assignee))).toBe(0);
  });
});
