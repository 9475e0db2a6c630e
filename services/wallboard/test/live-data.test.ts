import { describe, expect, it } from 'vitest';
import type { ListedClock } from '@slawatch/wire';
import { LiveData } from '../src/live/live-data';
import type { ServerMessage } from '../src/live/server-message';

const emea = { scope: { kind: 'team', value: 'emea' }, window: '1h' } as const;
const us = { scope: { kind: 'team', value: 'us' }, window: '1h' } as const;
const at = '2026-11-23T09:00:00Z';

const metrics = (team: string, atRisk: number) => ({
  window: '1h',
  dimension: 'team',
  values: { [team]: { now: { atRisk, openBreached: 0, backlog: { total: 3 } } } },
});
const breach = (ticketId: string): ListedClock => ({
  ticketId,
  clock: 'resolution',
  cycle: 1,
  at,
  team: 'emea',
  queue: '-',
  priority: 'high',
  policy: 'default',
});
const data = (type: 'snapshot' | 'update', id: string, body: unknown): ServerMessage => ({
  type,
  id,
  at,
  data: body,
});

describe('LiveData', () => {
  it('shows nothing of the old view once the view changes', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(data('snapshot', 'metrics', metrics('emea', 2)), 0);
    expect(live.metrics.value?.data.values.emea).toBeDefined();
    live.expect(us);
    expect(live.metrics.value).toBeNull();
    // An update of the old view, sent before the gateway saw the new subscription.
    live.apply(data('update', 'metrics', metrics('emea', 3)), 0);
    expect(live.metrics.value).toBeNull();
    live.apply(data('snapshot', 'metrics', metrics('us', 1)), 0);
    expect(live.metrics.value?.data.values.us).toBeDefined();
  });

  it('ignores figures of another window or dimension', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(data('snapshot', 'metrics', { ...metrics('emea', 2), window: '24h' }), 0);
    expect(live.metrics.value).toBeNull();
  });

  it('highlights breaches that arrive while watching, not those there on arrival', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(data('snapshot', 'breaches', { breaches: [breach('T-1')] }), 0);
    live.apply(data('update', 'breaches', { breaches: [breach('T-2'), breach('T-1')] }), 0);
    const feed = live.breaches.value!.data;
    expect(feed.map((i) => [i.clock.ticketId, i.firstSeen === null])).toEqual([
      ['T-2', false],
      ['T-1', true],
    ]);
  });

  it('keeps what the gateway refused, until the view is shown again', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply({ type: 'error', id: 'metrics', message: 'outside your teams', path: 'view' }, 0);
    expect(live.errors.value).toEqual({ metrics: 'outside your teams (view)' });
    live.apply(data('snapshot', 'metrics', metrics('emea', 2)), 0);
    expect(live.errors.value).toEqual({});
  });

  it('knows how current the data is from data and heartbeats alike', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(data('snapshot', 'atRisk', { clocks: [] }), 5);
    live.apply({ type: 'heartbeat', at: '2026-11-23T09:00:15Z' }, 7);
    expect(live.lastAt.value).toBe(Date.parse('2026-11-23T09:00:15Z'));
    expect(live.lastHeardAt.value).toBe(7);
  });

  it('samples the gauges of each metrics message, per scope', () => {
    const live = new LiveData();
    live.expect(emea);
    live.apply(data('snapshot', 'metrics', metrics('emea', 2)), 0);
    const series = live.gauges.since('team:emea|atRisk', 0);
    expect(series.samples).toEqual([{ at: Date.parse(at), value: 2 }]);
  });
});
