import type { AcceptedEvent } from '@slawatch/core';

/** The policy of the tickets below: a 15-minute first response, at risk at half of it. */
export const FANOUT_POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 4h }
    warnAt: [0.5]
`;

export const TEAMS = ['team-a', 'team-b', 'team-c', 'team-d', 'team-e'] as const;

/**
 * The wallboards' views: four of metrics, four of lists. Every round of traffic below
 * changes every one of them.
 */
export const FANOUT_VIEWS: readonly object[] = [
  { kind: 'metrics', window: '15m', dimension: 'team' },
  { kind: 'metrics', window: '1h', dimension: 'all' },
  { kind: 'metrics', window: '15m', dimension: 'team', values: ['team-a'] },
  { kind: 'metrics', window: '15m', dimension: 'team', values: ['team-b'] },
  { kind: 'atRisk', limit: 50 },
  { kind: 'atRisk', team: ['team-a'], limit: 50 },
  { kind: 'breaches', sinceMinutes: 60, limit: 50 },
  { kind: 'breaches', team: ['team-b'], limit: 50 },
];

const MINUTE = 60_000;
let seq = 0;

const created = (ticketId: string, at: number, team: string): AcceptedEvent => ({
  event: {
    specversion: '1.0',
    id: `fanout-${++seq}`,
    source: 'bench',
    type: 'ticket.created',
    subject: ticketId,
    time: new Date(at).toISOString(),
    data: { priority: 'urgent', channel: 'chat', team },
  },
  time: at,
  seq,
});

/**
 * One round (one tracker batch, one delta) for every team: a new ticket (the metrics
 * count it), one at risk with the soonest deadline yet (it tops the at-risk lists) and
 * one breached five minutes ago (it tops the breach feeds). `start` is the run's start:
 * the at-risk ones stay at risk, not breached, for two minutes of rounds.
 */
export function trafficRound(
  run: string,
  round: number,
  start: number,
  now: number,
): Map<string, AcceptedEvent[]> {
  const batch = new Map<string, AcceptedEvent[]>();
  for (const team of TEAMS) {
    const id = `${run}-${round}-${team}`;
    batch.set(`${id}-new`, [created(`${id}-new`, now - MINUTE, team)]);
    batch.set(`${id}-risk`, [created(`${id}-risk`, start - 10 * MINUTE - round * 1000, team)]);
    batch.set(`${id}-late`, [created(`${id}-late`, now - 20 * MINUTE, team)]);
  }
  return batch;
}
