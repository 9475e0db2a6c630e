import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../harness/index.js';
import { randomLifecycles } from '../e2e/support/random-lifecycles.js';
import { startService, waitForOutput } from '../e2e/support/service-process.js';
import { waitUntil } from '../e2e/support/wait-until.js';
import { metric, readyz, trackerRig, type ReadyzAnswer } from './support/tracker-rig.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('slawatch run all: the gateway answers for the tracker and the alerter in its process', () => {
  it("the gateway's /readyz checks the tracker and the worker, goes 503 while the tracker is out of its group after a stall past the session timeout, and 200 once it consumes again; no event lost", async () => {
    const rig = await trackerRig('run-all-ready', {
      brokers: inject('kafkaBrokers'),
      redisUrl: inject('redisUrl'),
    });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const all = startService('all', {
      ...rig.env,
      SLAWATCH_HTTP_PORT: String(port),
      SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
      SLAWATCH_TRACKER_STALL_TIMEOUT: '10000',
    });
    try {
      await waitForOutput(all, 'gateway listening', 30_000);
      await waitUntil(async () => (await readyz(base)).status === 200, 30_000, 'ready');
      expect((await readyz(base)).checks).toEqual({
        redis: 'ok',
        kafka: 'ok',
        tracker: 'ok',
        worker: 'ok',
      });
      const events = randomLifecycles(300, 23);
      const half = Math.floor(events.length / 2);
      await rig.produce(events.slice(0, half));
      await rig.caughtUp(events.slice(0, half), 30_000);

      all.child.kill('SIGSTOP');
      try {
        await rig.produce(events.slice(half));
        await sleep(14_000);
      } finally {
        all.child.kill('SIGCONT');
      }
      const seen: ReadyzAnswer[] = [];
      await waitUntil(
        async () => {
          const answer = await readyz(base);
          seen.push(answer);
          return answer.status === 200;
        },
        45_000,
        'the gateway ready again',
      );
      const notReady = seen.filter((a) => a.status === 503);
      console.info(
        `run all: ${notReady.length} of ${seen.length} polls after SIGCONT answered 503, e.g. ${JSON.stringify(notReady[0])}`,
      );
      expect(notReady.some((a) => a.checks.tracker !== 'ok' && a.checks.redis === 'ok')).toBe(true);

      await rig.caughtUp(events, 45_000);
      await rig.expectSameAsSimulate(events);
      expect(all.child.exitCode).toBe(null);
      expect(await metric(base, 'slawatch_tracker_consuming')).toBe(1);
      all.child.kill('SIGTERM');
      expect(await all.exited, all.output().slice(-3000)).toEqual({ code: 0, signal: null });
    } finally {
      all.child.kill('SIGCONT');
      all.child.kill('SIGKILL');
      await rig.close();
    }
  }, 90_000);
});
