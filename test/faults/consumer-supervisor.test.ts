import type { Consumer, ConsumerConfig, EachBatchPayload } from 'kafkajs';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createLogger } from '@slawatch/telemetry';
import { ConsumerSupervisor, type ConsumerSupervisorOptions } from '@slawatch/tracker';
import { quietKafka, testConsumer, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { waitUntil } from '../e2e/support/wait-until.js';

type Handler = (consumer: Consumer, index: number, payload: EachBatchPayload) => Promise<void>;

/**
 * A ConsumerSupervisor over real kafkajs consumers on the run's broker, committing as the
 * tracker does (after the batch's work, offsets resolved by hand). `handle` may fail,
 * hang or crash a given consumer (by its index: 0 is the first, 1 its replacement...).
 */
async function supervised(
  name: string,
  opts: {
    messages: number;
    handle?: Handler;
    consumerConfig?: Partial<ConsumerConfig>;
    begin?: (index: number) => void;
  } & Partial<Pick<ConsumerSupervisorOptions, 'stallTimeoutMs' | 'maxRestarts'>>,
) {
  const kafka = quietKafka(inject('kafkaBrokers'), `supervisor-${name}`);
  const topic = uniqueTopic(`supervisor-${name}`);
  const groupId = uniqueGroupId(`supervisor-${name}`);
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  if (opts.messages > 0)
    await producer.send({
      topic,
      messages: Array.from({ length: opts.messages }, (_, i) => ({
        key: `k${i % 5}`,
        value: String(i),
      })),
    });
  const made: Consumer[] = [];
  const seen = new Set<string>();
  const fatal: Error[] = [];
  const progress: number[] = [];
  let restarts = 0;
  const supervisor: ConsumerSupervisor = new ConsumerSupervisor({
    topic,
    stallTimeoutMs: opts.stallTimeoutMs ?? 60_000,
    // The stall bound and the session timeout of testConsumer, as the tracker sets it.
    startTimeoutMs: (opts.stallTimeoutMs ?? 60_000) + 6000,
    maxRestarts: opts.maxRestarts ?? 8,
    leaveTimeoutMs: 1000,
    log: createLogger('supervisor-test', 'silent'),
    onFatal: (e) => fatal.push(e),
    onConsuming: () => undefined,
    onRestart: () => (restarts += 1),
    onProgress: (at) => progress.push(at),
    create: () => {
      const c = testConsumer(kafka, groupId, opts.consumerConfig);
      made.push(c);
      return c;
    },
    async begin(c) {
      const index = made.indexOf(c);
      opts.begin?.(index);
      await c.connect();
      await c.subscribe({ topic, fromBeginning: true });
      await c.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          supervisor.batchStarted(batch.partition);
          await opts.handle?.(c, index, payload);
          for (const m of batch.messages) seen.add(m.value!.toString());
          const last = batch.messages.at(-1)!.offset;
          await c.commitOffsets([
            { topic, partition: batch.partition, offset: String(BigInt(last) + 1n) },
          ]);
          payload.resolveOffset(last);
          supervisor.batchCommitted(batch.partition);
        },
      });
    },
  });
  onTestFinished(async () => {
    await supervisor.stop().catch(() => undefined);
    // A consumer whose batch hangs never finishes disconnecting: don't wait for it.
    for (const c of made)
      await Promise.race([
        c.disconnect().catch(() => undefined),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
    await producer.disconnect();
  });
  await supervisor.start();
  const consuming = async () =>
    supervisor.check().then(
      () => true,
      () => false,
    );
  return {
    supervisor,
    made,
    seen,
    fatal,
    progress,
    restarts: () => restarts,
    consuming,
    allSeen: (n: number, ms: number) => waitUntil(() => seen.size === n, ms, `${n} messages seen`),
  };
}

describe('the tracker consumer supervisor, on the real broker', () => {
  it('replaces a consumer that kafkajs crashed for good (CRASH, restart: false): the new member consumes every message', async () => {
    const s = await supervised('crash', {
      messages: 50,
      // The first consumer's first batch fails, and kafkajs is told not to restart it.
      consumerConfig: { retry: { retries: 0, restartOnFailure: () => Promise.resolve(false) } },
      handle: (_c, index) =>
        index === 0 ? Promise.reject(new Error('a batch that fails')) : Promise.resolve(),
    });
    await s.allSeen(50, 30_000);
    expect(s.made.length).toBe(2);
    expect(s.restarts()).toBe(1);
    await waitUntil(s.consuming, 10_000, 'consuming again');
    expect(s.fatal).toEqual([]);
  }, 60_000);

  it('replaces a consumer that stopped without being asked to', async () => {
    const s = await supervised('stopped', { messages: 0 });
    await waitUntil(s.consuming, 20_000, 'the first consumer in its group');
    await s.made[0]!.stop();
    await waitUntil(() => s.made.length === 2, 5000, 'a second consumer');
    await expect(s.supervisor.check()).rejects.toThrow(/stopped on its own/);
    await waitUntil(s.consuming, 20_000, 'the second consumer in its group');
    expect(s.restarts()).toBe(1);
  }, 60_000);

  it('replaces a consumer stuck on a batch once it made no progress for the stall bound, and the new member finishes the work', async () => {
    let reason = '';
    const s = await supervised('stuck', {
      messages: 40,
      stallTimeoutMs: 3000,
      // The first consumer's batch never finishes: no commit, no fetch, no heartbeat.
      handle: (_c, index) => (index === 0 ? new Promise<void>(() => undefined) : Promise.resolve()),
      begin: (index) => {
        if (index === 1) void s.supervisor.check().catch((e: Error) => (reason = e.message));
      },
    });
    await s.allSeen(40, 40_000);
    expect(reason).toMatch(/no progress for \d+ s/);
    expect(s.restarts()).toBe(1);
    expect(s.fatal).toEqual([]);
  }, 60_000);

  it('an idle consumer that is caught up keeps making progress and is never replaced', async () => {
    const s = await supervised('idle', { messages: 0, stallTimeoutMs: 3000 });
    await waitUntil(s.consuming, 20_000, 'the consumer in its group');
    const from = s.progress.length;
    await new Promise((r) => setTimeout(r, 8000));
    expect(s.restarts()).toBe(0);
    expect(s.progress.length - from).toBeGreaterThan(10);
    expect(Date.now() - s.progress.at(-1)!).toBeLessThan(1000);
  }, 60_000);

  it('gives up, calling onFatal, after SLAWATCH_RESTART_ATTEMPTS replacements that could not start', async () => {
    const s = await supervised('give-up', {
      messages: 0,
      maxRestarts: 2,
      begin: (index) => {
        if (index > 0) throw new Error('the brokers refuse us');
      },
    });
    await waitUntil(s.consuming, 20_000, 'the first consumer in its group');
    await s.made[0]!.stop();
    await waitUntil(() => s.fatal.length === 1, 15_000, 'onFatal');
    expect(s.fatal[0]!.message).toMatch(
      /after 2 replacements \(SLAWATCH_RESTART_ATTEMPTS\); last: could not start a new consumer: the brokers refuse us/,
    );
    expect(s.restarts()).toBe(2);
    await expect(s.supervisor.check()).rejects.toThrow(/^gave up/);
  }, 60_000);
});
