import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeys, TimerQueue, wakeJobId } from '../src/index.js';
import { freshPrefix, STORE_TARGETS } from './store-targets.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe.each(STORE_TARGETS)('deadline timers, on $name', (target) => {
  const redis = target.connect();
  let timers: TimerQueue;
  // A queue per test under a fresh prefix (hash-tagged, so BullMQ's keys share a slot):
  // nothing to clean, which a cluster could not do by prefix anyway.
  beforeEach(() => {
    timers = new TimerQueue(redis, createKeys(freshPrefix('timers'), target.lanes));
  });
  afterEach(async () => {
    await timers.close();
  });
  afterAll(async () => {
    await redis.quit();
  });

  const wakeUps = async () =>
    (await timers.queue.getJobs(['delayed', 'waiting'])).map((j) => j.id).sort();

  it('keeps one timer per ticket, the latest set, and clears it with null', async () => {
    await timers.set([{ ticketId: 'T-1', at: NOW + 5000 }], NOW);
    await timers.set([{ ticketId: 'T-1', at: NOW + 9000 }], NOW);
    expect(await timers.size()).toBe(1);
    expect(await timers.due(NOW + 10_000, 10)).toEqual([{ ticketId: 'T-1', at: NOW + 9000 }]);
    await timers.set([{ ticketId: 'T-1', at: null }], NOW);
    expect(await timers.size()).toBe(0);
    expect(await timers.earliest()).toBeNull();
  });

  it('lists due timers earliest first, up to an instant and a limit', async () => {
    await timers.set(
      [
        { ticketId: 'C', at: NOW + 3000 },
        { ticketId: 'A', at: NOW + 1000 },
        { ticketId: 'B', at: NOW + 2000 },
        { ticketId: 'D', at: NOW + 4000 },
      ],
      NOW,
    );
    expect(await timers.due(NOW + 3000, 10)).toEqual([
      { ticketId: 'A', at: NOW + 1000 },
      { ticketId: 'B', at: NOW + 2000 },
      { ticketId: 'C', at: NOW + 3000 },
    ]);
    expect((await timers.due(NOW + 3000, 2)).map((d) => d.ticketId)).toEqual(['A', 'B']);
    expect(await timers.earliest()).toBe(NOW + 1000);
  });

  it('adds a wake-up job only when the earliest timer moves earlier', async () => {
    await timers.set([{ ticketId: 'T-1', at: NOW + 5000 }], NOW);
    expect(await wakeUps()).toEqual([wakeJobId(NOW + 5000)]);
    // Later than the earliest: the alerter's wake-up after that one covers it.
    await timers.set([{ ticketId: 'T-2', at: NOW + 7000 }], NOW);
    expect(await wakeUps()).toEqual([wakeJobId(NOW + 5000)]);
    // Earlier: it needs its own wake-up.
    await timers.set([{ ticketId: 'T-3', at: NOW + 2000 }], NOW);
    expect(await wakeUps()).toEqual([wakeJobId(NOW + 2000), wakeJobId(NOW + 5000)]);
    // The same instant twice is one job.
    await timers.wake(NOW + 2000, NOW);
    expect(await wakeUps()).toHaveLength(2);
    const job = await timers.queue.getJob(wakeJobId(NOW + 2000));
    expect(job?.data).toEqual({ at: NOW + 2000 });
    expect(job?.opts.delay).toBe(2000);
  });
});
