import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertCloudEvent } from '@slawatch/core';
import type { LiveDelta } from '@slawatch/store';
import { readTopic, type TopicReader } from './support/topic-reader.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';
import { waitUntil } from './support/wait-until.js';

const POLICIES = `
policies:
  - id: fast
    match: { priority: [urgent] }
    targets: { firstResponse: 3s, resolution: 4s }
    warnAt: [0.5]
  - id: updates
    match: { priority: [high] }
    targets: { firstResponse: 1h, periodicUpdate: 3s, agentWork: 4s }
  - id: slow
    match: {}
    targets: { firstResponse: 4h, resolution: 24h }
`;

describe('deadline timers', () => {
  let p: Pipeline;
  let reader: TopicReader<{ alert: AlertCloudEvent; receivedAt: number }>;
  let alerts: TopicReader<{ alert: AlertCloudEvent; receivedAt: number }>['items'];

  beforeAll(async () => {
    p = await startPipeline('deadlines', POLICIES);
    reader = await readTopic(p.kafka, p.topics.alerts, (message) => ({
      alert: JSON.parse(message.value!.toString()) as AlertCloudEvent,
      receivedAt: Date.now(),
    }));
    alerts = reader.items;
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.stop();
  });

  it('announces at-risk and then the breach within a second of the deadline, with no further event', async () => {
    const deltas: LiveDelta[] = [];
    const subscriber = p.redis.duplicate();
    await subscriber.subscribe(p.keys.deltas);
    subscriber.on('message', (_channel: string, text: string) =>
      deltas.push(JSON.parse(text) as LiveDelta),
    );
    const created = Date.now();
    await p.produce([
      event('D-1', created, 'ticket.created', { priority: 'urgent', channel: 'chat' }),
    ]);
    const deadline = created + 3000;
    const isBreach = (a: { alert: AlertCloudEvent }) =>
      a.alert.subject === 'D-1' &&
      a.alert.type === 'sla.breached' &&
      a.alert.data.clock === 'firstResponse';
    await waitUntil(() => alerts.items.some(isBreach), 8000, 'the breach alert');
    const mine = alerts.items.filter((a) => a.alert.subject === 'D-1');
    const risk = mine.find(
      (a) => a.alert.type === 'sla.at_risk' && a.alert.data.clock === 'firstResponse',
    );
    const breach = mine.find(isBreach)!;
    expect(risk?.alert.data.threshold).toBe(0.5);
    expect(breach.alert).toMatchObject({
      id: 'D-1/firstResponse:1:breached',
      time: new Date(deadline).toISOString(),
      data: { ticketId: 'D-1', policy: 'fast', priority: 'urgent', cycle: 1 },
    });
    const lateness = breach.receivedAt - deadline;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
    // Wallboards hear of it too: a live delta carries the breach and the ticket's view.
    await waitUntil(
      () =>
        deltas.some((d) => d.alerts.some((a) => a.ticketId === 'D-1' && a.type === 'sla.breached')),
      2000,
      'the breach delta',
    );
    const delta = deltas.find((d) =>
      d.alerts.some((a) => a.ticketId === 'D-1' && a.type === 'sla.breached'),
    )!;
    expect(delta.tickets.find((t) => t.ticketId === 'D-1')?.view?.clocks[0]).toMatchObject({
      kind: 'firstResponse',
      state: 'breached',
    });
    await subscriber.quit();
    // The rolling metrics count it with no further event: a breach, a clock still running.
    const report = await p.metrics.query({ windowMs: 15 * 60_000, dimension: 'all' }, Date.now());
    expect(report.values['*']?.breaches.firstResponse).toBe(1);
    expect(report.values['*']?.attainment.firstResponse).toBe(0);
    expect(report.values['*']?.now.openBreached).toBe(1);
  });

  it('never fires a breach for a deadline moved by a pause or a policy change', async () => {
    const t0 = Date.now();
    await p.produce([
      event('M-1', t0, 'ticket.created', { priority: 'urgent', channel: 'chat' }),
      event('M-2', t0, 'ticket.created', { priority: 'urgent', channel: 'chat' }),
    ]);
    // Wait until the tracker has set both tickets' timers, then move their deadlines.
    await waitUntil(
      async () => [...(await p.store.load(['M-1', 'M-2'])).values()].every((r) => r.next !== null),
      5000,
      'both tickets to have a timer',
    );
    await p.produce([
      event('M-1', t0 + 500, 'ticket.commented', { author: 'agent', public: true }),
      event('M-1', t0 + 600, 'ticket.status_changed', { status: 'pending' }),
      event('M-2', t0 + 500, 'ticket.updated', { changes: { priority: 'low' } }),
    ]);
    // A moved deadline replaces the ticket's timer, it does not add one: M-1 answered and
    // pending has no running clock left to time, M-2's low-priority deadlines are hours away.
    await waitUntil(
      async () => {
        const m1 = await p.redis.zscore(p.keys.due, 'M-1');
        const m2 = await p.redis.zscore(p.keys.due, 'M-2');
        return m1 === null && m2 !== null && Number(m2) > t0 + 3_600_000;
      },
      2000,
      'the moved timers',
    );
    // Past both original deadlines (3 s and 4 s) by a margin.
    await new Promise((r) => setTimeout(r, 5500 - (Date.now() - t0)));
    const breaches = alerts.items.filter(
      (a) => ['M-1', 'M-2'].includes(a.alert.subject) && a.alert.type === 'sla.breached',
    );
    expect(breaches).toEqual([]);
    const view = await p.store.loadOne('M-1');
    expect(view.version).toBeGreaterThan(0);
  });

  it('announces the further clocks at their deadlines too: a periodic update, agent work', async () => {
    const t0 = Date.now();
    await p.produce([
      event('U-1', t0, 'ticket.created', { priority: 'high', channel: 'email' }),
      event('U-1', t0, 'ticket.commented', { author: 'agent', public: true }),
    ]);
    const breachOf = (clock: string) => (a: { alert: AlertCloudEvent }) =>
      a.alert.subject === 'U-1' && a.alert.type === 'sla.breached' && a.alert.data.clock === clock;
    await waitUntil(
      () => alerts.items.some(breachOf('agentWork')),
      9000,
      'the agent work breach alert',
    );
    for (const [clock, after] of [
      ['periodicUpdate', 3000],
      ['agentWork', 4000],
    ] as const) {
      const breach = alerts.items.find(breachOf(clock));
      expect(breach?.alert, clock).toMatchObject({
        id: `U-1/${clock}:1:breached`,
        time: new Date(t0 + after).toISOString(),
        data: { ticketId: 'U-1', policy: 'updates', cycle: 1 },
      });
      expect(breach!.receivedAt - (t0 + after), clock).toBeLessThan(1000);
    }
    const report = await p.metrics.query({ windowMs: 15 * 60_000, dimension: 'all' }, Date.now());
    expect(report.values['*']?.breaches).toMatchObject({ periodicUpdate: 1, agentWork: 1 });
  });
});
