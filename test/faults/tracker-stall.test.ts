import { describe, expect, inject, it } from 'vitest';
import { freePort, startKafka } from '../harness/index.js';
import { randomLifecycles } from '../e2e/support/random-lifecycles.js';
import {
  startService,
  waitForOutput,
  type ServiceProcess,
} from '../e2e/support/service-process.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import {
  metric,
  readyz,
  trackerRig,
  type ReadyzAnswer,
  type TrackerRig,
} from './support/tracker-rig.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A short session timeout (the mock's group joins wait for it) and stall bound. */
const TIMEOUTS = {
  SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
  SLAWATCH_TRACKER_STALL_TIMEOUT: '10000',
};

/** Polls `/readyz` until it answers 200, keeping every answer seen on the way. */
async function readyAgain(base: string, ms: number): Promise<ReadyzAnswer[]> {
  const seen: ReadyzAnswer[] = [];
  await waitUntil(
    async () => {
      const answer = await readyz(base);
      seen.push(answer);
      return answer.status === 200;
    },
    ms,
    `${base}/readyz to answer 200 again`,
  );
  return seen;
}

/** `slawatch run tracker` on `rig` with its own ops port, once it consumes and is ready. */
async function readyTracker(
  rig: TrackerRig,
  env: Readonly<Record<string, string>>,
): Promise<{ tracker: ServiceProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tracker = startService('tracker', { ...rig.env, ...env, SLAWATCH_OPS_PORT: String(port) });
  try {
    await waitForOutput(tracker, 'tracker consuming', 30_000);
    await readyAgain(base, 30_000);
  } catch (error) {
    tracker.child.kill('SIGKILL');
    await rig.close();
    throw error;
  }
  return { tracker, base };
}

async function stopTracker(p: ServiceProcess) {
  p.child.kill('SIGCONT');
  p.child.kill('SIGTERM');
  expect(await p.exited, p.output().slice(-3000)).toEqual({ code: 0, signal: null });
}

describe('a tracker process whose consumer is cut off from its group', () => {
  it('stalled (SIGSTOP) past the session timeout while events arrive: recovers in the same process, is not ready until it consumes again, loses no event', async () => {
    const rig = await trackerRig('stall', {
      brokers: inject('kafkaBrokers'),
      redisUrl: inject('redisUrl'),
    });
    const { tracker, base } = await readyTracker(rig, TIMEOUTS);
    try {
      const events = randomLifecycles(600, 21);
      const parts = [0, 1, 2, 3, 4, 5].map((k) =>
        events.slice(
          Math.floor((k * events.length) / 6),
          Math.floor(((k + 1) * events.length) / 6),
        ),
      );
      await rig.produce(parts[0]!);
      await rig.caughtUp(parts[0]!, 30_000);

      // The reported stall: the whole process frozen for 2.5 session timeouts while the
      // helpdesk keeps publishing.
      tracker.child.kill('SIGSTOP');
      const stalled = Date.now();
      for (const part of parts.slice(1, 5)) {
        await rig.produce(part);
        await sleep(3500);
      }
      const stallMs = Date.now() - stalled;
      tracker.child.kill('SIGCONT');
      const resumed = Date.now();
      const seen = await readyAgain(base, 45_000);
      const recoveredMs = Date.now() - resumed;
      console.info(
        `stalled ${stallMs} ms; ready again ${recoveredMs} ms after SIGCONT; answers on the way: ${JSON.stringify(seen.filter((a) => a.status !== 200).slice(0, 3))}`,
      );
      expect(stallMs).toBeGreaterThan(12_000);
      // Not ready while it was out of its group, and it said why.
      expect(seen.some((a) => a.status === 503 && a.checks.tracker !== 'ok')).toBe(true);

      await rig.produce(parts[5]!);
      await rig.caughtUp(events, 60_000);
      await rig.expectSameAsSimulate(events);
      // The same process, consuming, and the replacement counted.
      expect(tracker.child.exitCode).toBe(null);
      expect(await metric(base, 'slawatch_tracker_consuming')).toBe(1);
      expect(await metric(base, 'slawatch_tracker_consumer_restarts_total')).toBeGreaterThanOrEqual(
        1,
      );
      const progress = await metric(base, 'slawatch_tracker_last_progress_timestamp_seconds');
      expect(Date.now() / 1000 - progress).toBeLessThan(10);
      await stopTracker(tracker);
    } finally {
      tracker.child.kill('SIGKILL');
      await rig.close();
    }
  }, 90_000);

  it('exits non-zero, for its supervisor to start a fresh process, when its consumer cannot get back into the group (the broker gone for good)', async () => {
    const kafka = await startKafka();
    const rig = await trackerRig('gives-up', {
      brokers: kafka.brokers,
      redisUrl: inject('redisUrl'),
    });
    const { tracker } = await readyTracker(rig, {
      SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
      SLAWATCH_TRACKER_STALL_TIMEOUT: '5000',
      SLAWATCH_RESTART_ATTEMPTS: '1',
    }).catch(async (error: unknown) => {
      await kafka.stop();
      throw error;
    });
    try {
      await rig.close();
      process.kill(kafka.pid, 'SIGSTOP');
      const frozen = Date.now();
      const exit = await Promise.race([
        tracker.exited,
        sleep(70_000).then(() => 'still running' as const),
      ]);
      console.info(`broker frozen for good: the tracker exited ${Date.now() - frozen} ms later`);
      expect(exit, tracker.output().slice(-3000)).toEqual({ code: 1, signal: null });
      expect(tracker.output()).toContain('SLAWATCH_RESTART_ATTEMPTS');
    } finally {
      tracker.child.kill('SIGKILL');
      process.kill(kafka.pid, 'SIGCONT');
      await kafka.stop();
    }
  }, 120_000);

  it('with the broker unreachable (SIGSTOP) for 30 s: recovers in the same process, is not ready meanwhile, loses no event', async () => {
    // A broker of its own: the test freezes it.
    const kafka = await startKafka();
    const rig = await trackerRig('broker-gone', {
      brokers: kafka.brokers,
      redisUrl: inject('redisUrl'),
    });
    const { tracker, base } = await readyTracker(rig, TIMEOUTS);
    try {
      const events = randomLifecycles(400, 22);
      const half = Math.floor(events.length / 2);
      await rig.produce(events.slice(0, half));
      await rig.caughtUp(events.slice(0, half), 30_000);

      process.kill(kafka.pid, 'SIGSTOP');
      const during: ReadyzAnswer[] = [];
      try {
        const until = Date.now() + 30_000;
        while (Date.now() < until) {
          during.push(await readyz(base));
          await sleep(1000);
        }
      } finally {
        process.kill(kafka.pid, 'SIGCONT');
      }
      const resumed = Date.now();
      const after = await readyAgain(base, 45_000);
      console.info(
        `broker frozen 30 s; /readyz during: ${during.map((a) => a.status).join(' ')}; ready again ${Date.now() - resumed} ms after SIGCONT (${after.length} polls); consumer replacements: ${await metric(base, 'slawatch_tracker_consumer_restarts_total')}`,
      );
      expect(during.some((a) => a.status === 503 && a.checks.tracker !== 'ok')).toBe(true);

      await rig.produce(events.slice(half));
      await rig.caughtUp(events, 45_000);
      await rig.expectSameAsSimulate(events);
      expect(tracker.child.exitCode).toBe(null);
      expect(await metric(base, 'slawatch_tracker_consuming')).toBe(1);
      await stopTracker(tracker);
    } finally {
      tracker.child.kill('SIGKILL');
      await rig.close();
      await kafka.stop();
    }
  }, 120_000);
});
