import { describe, expect, it } from 'vitest';
import { subscriptionsFor } from '../src/live/subscriptions-for';

describe('subscriptionsFor', () => {
  it('asks for everything, unfiltered, for all teams', () => {
    expect(subscriptionsFor({ scope: { kind: 'all' }, window: '1h' })).toEqual({
      metrics: { kind: 'metrics', window: '1h', dimension: 'all' },
      trend: { kind: 'trend', window: '1h', dimension: 'all' },
      atRisk: { kind: 'atRisk', limit: 50, paused: true },
      breaches: { kind: 'breaches', sinceMinutes: 60, limit: 30 },
      followUps: { kind: 'followUps', sinceMinutes: 10_080, limit: 30 },
    });
  });

  it("narrows every view to a team's or a queue's", () => {
    const team = subscriptionsFor({ scope: { kind: 'team', value: 'emea' }, window: '24h' });
    expect(team.metrics).toEqual({
      kind: 'metrics',
      window: '24h',
      dimension: 'team',
      values: ['emea'],
    });
    expect(team.atRisk).toEqual({ kind: 'atRisk', team: ['emea'], limit: 50, paused: true });
    expect(team.breaches).toEqual({
      kind: 'breaches',
      sinceMinutes: 1440,
      team: ['emea'],
      limit: 30,
    });
    const queue = subscriptionsFor({ scope: { kind: 'queue', value: 'vip' }, window: '15m' });
    expect(queue.trend).toMatchObject({ dimension: 'queue', values: ['vip'] });
    expect(queue.breaches).toMatchObject({ queue: ['vip'], sinceMinutes: 15 });
  });

  it("asks for the week's low scores of the scope, whatever the window", () => {
    const team = subscriptionsFor({ scope: { kind: 'team', value: 'emea' }, window: '15m' });
    expect(team.followUps).toEqual({
      kind: 'followUps',
      sinceMinutes: 10_080,
      team: ['emea'],
      limit: 30,
    });
  });

  it('keeps the breach window within the week the gateway keeps', () => {
    expect(subscriptionsFor({ scope: { kind: 'all' }, window: '31d' }).breaches).toMatchObject({
      sinceMinutes: 10_080,
    });
  });
});
