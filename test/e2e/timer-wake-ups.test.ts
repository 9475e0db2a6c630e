import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertCloudEvent } from '@slawatch/core';
import { wakeJobId } from '@slawatch/store';
import { readTopic, type TopicReader } from './support/topic-reader.js';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';
import { waitUntil } from './support/wait-until.js';

// No warning thresholds: each ticket's only timer is its 3 s first-response deadline.
const POLICIES = `
policies:
  - id: fast
    match: { priority: [urgent] }
    targets: { firstResponse: 3s, resolution: 1h }
`;

type Received = { alert: AlertCloudEvent; receivedAt: number };

async function startWithReader(name: string, opts: { alerter?: boolean } = {}) {
  const p = await startPipeline(name, POLICIES, opts);
  const reader = await readTopic(p.kafka, p.topics.alerts, (message) => ({
    alert: JSON.parse(message.value!.toString()) as AlertCloudEvent,
    receivedAt: Date.now(),
  }));
  return { p, reader };
}

const breachOf = (items: readonly Received[], ticketId: string) =>
  items.find((a) => a.alert.subject === ticketId && a.alert.type === 'sla.breached');

/** Waits until the tracker has set `ticketId`'s timer; returns its instant. */
async function timerOf(p: Pipeline, ticketId: string): Promise<number> {
  let at: string | null = null;
  await waitUntil(
    async () => (at = await p.redis.zscore(p.keys.due, ticketId)) !== null,
    5000,
    `${ticketId}'s timer`,
  );
  return Number(at);
}

describe('deadline wake-ups, alerter running', () => {
  let p: Pipeline;
  let reader: TopicReader<Received>;

  beforeAll(async () => {
    ({ p, reader } = await startWithReader('wake-ups'));
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.stop();
  });

  it('checks 300 deadlines falling in one second in a few rounds, each breach within a second', async () => {
    const count = 300;
    const second = Math.ceil(Date.now() / 1000) * 1000 + 1000;
    const deadlineOf = (i: number) => second + Math.floor((i * 1000) / count);
    const wakeupsBefore = p.alerter.stats.wakeups;
    const breachesBefore = p.alerter.stats.breaches;
    await p.produce(
      Array.from({ length: count }, (_, i) =>
        event(`B-${i}`, deadlineOf(i) - 3000, 'ticket.created', {
          priority: 'urgent',
          channel: 'chat',
        }),
      ),
    );
    await waitUntil(
      () =>
        Array.from({ length: count }, (_, i) => `B-${i}`).every((id) =>
          breachOf(reader.items.items, id),
        ),
      second + 8000 - Date.now(),
      'every breach',
    );
    for (let i = 0; i < count; i++) {
      const breach = breachOf(reader.items.items, `B-${i}`)!;
      expect(Date.parse(breach.alert.time)).toBe(deadlineOf(i));
      expect(breach.receivedAt - deadlineOf(i)).toBeGreaterThanOrEqual(0);
      expect(breach.receivedAt - deadlineOf(i)).toBeLessThan(1000);
    }
    // Rounds overlap (issue 18), but no ticket is in two at once: each breach announced once.
    expect(p.alerter.stats.breaches - breachesBefore).toBe(count);
    const announced = reader.items.items.filter(
      (a) => a.alert.type === 'sla.breached' && a.alert.subject.startsWith('B-'),
    );
    expect(announced).toHaveLength(count);
    // Timers that fall together share wake-ups: far fewer BullMQ jobs than deadlines.
    expect(p.alerter.stats.wakeups - wakeupsBefore).toBeLessThan(count / 10);
    // Each breached ticket's next timer is its resolution deadline, an hour away.
    expect(Number(await p.redis.zscore(p.keys.due, 'B-0'))).toBe(deadlineOf(0) - 3000 + 3_600_000);
  });

  it('still checks a timer whose wake-up job was lost, about two seconds late at most', async () => {
    const created = Date.now();
    await p.produce([
      event('L-1', created, 'ticket.created', { priority: 'urgent', channel: 'chat' }),
    ]);
    const deadline = await timerOf(p, 'L-1');
    expect(deadline).toBe(created + 3000);
    // As if the alerter holding it had died: no job left to wake anyone at the deadline.
    await p.timers.queue.remove(wakeJobId(deadline));
    expect(await p.timers.queue.getJob(wakeJobId(deadline))).toBeUndefined();
    await waitUntil(() => breachOf(reader.items.items, 'L-1') !== undefined, 9000, 'the breach');
    const breach = breachOf(reader.items.items, 'L-1')!;
    expect(Date.parse(breach.alert.time)).toBe(deadline);
    expect(breach.receivedAt - deadline).toBeLessThan(4000);
  });
});

describe('deadline wake-ups, alerter started late', () => {
  let p: Pipeline;
  let reader: TopicReader<Received>;

  beforeAll(async () => {
    ({ p, reader } = await startWithReader('wake-late', { alerter: false }));
  });

  afterAll(async () => {
    await reader?.stop();
    await p?.stop();
  });

  it('checks the deadlines that passed while no alerter ran as soon as one starts', async () => {
    const created = Date.now();
    await p.produce([
      event('S-1', created, 'ticket.created', { priority: 'urgent', channel: 'chat' }),
    ]);
    const deadline = await timerOf(p, 'S-1');
    await p.timers.queue.obliterate({ force: true });
    await new Promise((resolve) => setTimeout(resolve, deadline + 500 - Date.now()));
    expect(breachOf(reader.items.items, 'S-1')).toBeUndefined();
    const startedAt = Date.now();
    await p.startAlerter();
    await waitUntil(() => breachOf(reader.items.items, 'S-1') !== undefined, 3000, 'the breach');
    expect(breachOf(reader.items.items, 'S-1')!.receivedAt - startedAt).toBeLessThan(1000);
    expect(Date.parse(breachOf(reader.items.items, 'S-1')!.alert.time)).toBe(deadline);
  });
});
