import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, onTestFinished, test, type TestContext } from 'vitest';
import {
  Collector,
  deleteKeysByPrefix,
  MissingBinaryError,
  quietKafka,
  redisFor,
  startKafka,
  startRedis,
  testConsumer,
  uniqueGroupId,
  uniquePrefix,
  uniqueQueueName,
  uniqueTopic,
} from './index.js';

// Group joins on the mock broker take 3-5 s; this bounds waits that normally end well
// before it, so a hang fails with a message naming what was awaited.
const groupWaitMs = 20_000;

// Concurrent: these spend most of their time waiting for group joins, and each owns its
// topic, group or cluster. Concurrent tests must use their context's expect and hooks.
describe.concurrent('Kafka-protocol broker', () => {
  test('a consumer group resumes from its committed offsets after a restart', async ({
    expect,
    onTestFinished,
  }) => {
    const kafka = quietKafka(inject('kafkaBrokers'));
    const topic = uniqueTopic('resume');
    const groupId = uniqueGroupId('resume');
    const producer = await connectedProducer(kafka, onTestFinished);
    const partitions = await partitionsOf(kafka, topic);
    expect(partitions.length).toBeGreaterThan(0);

    const before = await sendToEveryPartition(producer, topic, partitions, 'before');
    const first = new Collector<string>();
    const firstConsumer = await startConsumer(kafka, groupId, topic, first, onTestFinished);
    expect((await first.waitFor(before.length, groupWaitMs, 'the first messages')).sort()).toEqual(
      before.sort(),
    );
    await firstConsumer.disconnect();

    const after = await sendToEveryPartition(producer, topic, partitions, 'after');
    const second = new Collector<string>();
    await startConsumer(kafka, groupId, topic, second, onTestFinished);
    // Every partition got a new message behind its old one, so had any committed offset been
    // lost, an old message would have arrived first and be among these.
    const received = await second.waitFor(
      after.length,
      groupWaitMs,
      'the messages sent while it was down',
    );
    expect(received.sort()).toEqual(after.sort());
  });

  test('a 3-broker cluster starts, serves a produce/consume round trip, and stops', async ({
    expect,
    onTestFinished,
  }) => {
    const cluster = await startKafka({ brokers: 3 });
    onTestFinished(() => cluster.stop());
    expect(cluster.brokers).toHaveLength(3);
    expect(new Set(cluster.brokers).size).toBe(3);

    const kafka = quietKafka(cluster.brokers);
    const topic = uniqueTopic('three-brokers');
    const producer = await connectedProducer(kafka, onTestFinished);
    const sent = await sendToEveryPartition(producer, topic, await partitionsOf(kafka, topic), 'm');
    const received = new Collector<string>();
    const consumer = await startConsumer(
      kafka,
      uniqueGroupId('three-brokers'),
      topic,
      received,
      onTestFinished,
    );
    expect((await received.waitFor(sent.length, groupWaitMs, 'the messages')).sort()).toEqual(
      sent.sort(),
    );

    // Clients first: a kafkajs consumer whose every broker vanished can spin a CPU core
    // without yielding (tulios/kafkajs#1384), which would freeze this test process.
    await consumer.disconnect();
    await producer.disconnect();
    await cluster.stop();
    expect(() => process.kill(cluster.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });
});

describe('Redis', () => {
  test('runs a Lua script atomically over two keys', async (ctx) => {
    const redis = redisFor(ctx) as Redis & {
      transfer(from: string, to: string, amount: number): Promise<number>;
    };
    redis.defineCommand('transfer', {
      numberOfKeys: 2,
      lua: readFileSync(new URL('fixtures/transfer-2.lua', import.meta.url), 'utf8'),
    });
    await redis.set('a', 10);

    expect(await redis.transfer('a', 'b', 7)).toBe(7);
    expect(await redis.transfer('a', 'b', 7)).toBe(-1);
    expect(await redis.mget('a', 'b')).toEqual(['3', '7']);
  });

  test('deleteKeysByPrefix removes every key under a prefix and nothing else', async () => {
    const raw = new Redis(inject('redisUrl'));
    onTestFinished(async () => void (await raw.quit()));
    const prefix = uniquePrefix('cleanup');
    const neighbour = uniquePrefix('neighbour');
    await raw.mset(`${prefix}one`, '1', `${prefix}two`, '2', `${neighbour}kept`, '3');

    expect(await deleteKeysByPrefix(raw, prefix)).toBe(2);
    expect(await raw.exists(`${prefix}one`, `${prefix}two`)).toBe(0);
    expect(await raw.get(`${neighbour}kept`)).toBe('3');
    await deleteKeysByPrefix(raw, neighbour);
  });

  test.each(['aof', 'rdb'] as const)(
    'keeps a key across restart() with %s persistence',
    async (persistence) => {
      const server = await startRedis({ persistence });
      onTestFinished(() => server.stop());
      const firstPid = server.pid;
      const writer = new Redis(server.url);
      await writer.set('durable', 'yes');
      await writer.quit();

      await server.restart();
      expect(server.pid).not.toBe(firstPid);
      expectProcessGone(firstPid);
      const reader = new Redis(server.url);
      expect(await reader.get('durable')).toBe('yes');
      await reader.quit();

      await server.stop();
      expectProcessGone(server.pid);
      expect(existsSync(server.dir)).toBe(false);
    },
  );
});

describe('BullMQ', () => {
  test('fires a delayed job no earlier than its delay', async () => {
    const connection = { url: inject('redisUrl') };
    // BullMQ joins prefix and queue name with ':' itself.
    const prefix = uniquePrefix('bullmq').slice(0, -1);
    const name = uniqueQueueName('delayed');
    const delayMs = 300;
    const fired = new Collector<{ lateByMs: number }>();
    const errors: Error[] = [];
    const queue = new Queue(name, { connection, prefix });
    const worker = new Worker(
      name,
      (job) => {
        fired.push({ lateByMs: Date.now() - job.timestamp - delayMs });
        return Promise.resolve();
      },
      {
        connection,
        prefix,
      },
    );
    worker.on('error', (error) => errors.push(error));
    onTestFinished(async () => {
      await worker.close();
      await queue.close();
      const raw = new Redis(inject('redisUrl'));
      await deleteKeysByPrefix(raw, `${prefix}:`);
      await raw.quit();
    });
    await worker.waitUntilReady();

    await queue.add('tick', {}, { delay: delayMs, removeOnComplete: 10, removeOnFail: 10 });
    const [firing] = await fired.waitFor(1, 10_000, 'the delayed job');
    expect(firing!.lateByMs).toBeGreaterThanOrEqual(0);
    expect(firing!.lateByMs).toBeLessThan(5_000);
    expect(errors).toEqual([]);
  });
});

describe('process hygiene', () => {
  test('stop() leaves no process and no temp dir behind', async () => {
    const [redis, kafka] = await Promise.all([startRedis(), startKafka()]);
    await Promise.all([redis.stop(), kafka.stop()]);
    expectProcessGone(redis.pid);
    expectProcessGone(kafka.pid);
    expect(existsSync(redis.dir)).toBe(false);
  });

  test('a missing binary names the Debian package to install', async () => {
    const emptyDir = await mkdtemp(join(tmpdir(), 'slawatch-empty-path-'));
    onTestFinished(() => rm(emptyDir, { recursive: true, force: true }));
    const env = { PATH: emptyDir };

    await expect(startRedis({ env })).rejects.toThrow(MissingBinaryError);
    await expect(startRedis({ env })).rejects.toThrow(
      'redis-server not found: install the Debian package "redis-server" (apt-get install -y redis-server redis-tools)',
    );
    await expect(startKafka({ env })).rejects.toThrow(
      'kcat not found: install the Debian package "kcat"',
    );
  });
});

function expectProcessGone(pid: number): void {
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
}

/** Registers cleanup with the running test (its own hook, so concurrent tests work). */
type OnFinished = TestContext['onTestFinished'];

async function connectedProducer(kafka: Kafka, onTestFinished: OnFinished): Promise<Producer> {
  const producer = kafka.producer();
  await producer.connect();
  onTestFinished(() => producer.disconnect());
  return producer;
}

/** Partition ids of `topic`; asking for its metadata creates it where auto-creation is on. */
async function partitionsOf(kafka: Kafka, topic: string): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return (topics[0]?.partitions ?? []).map((p) => p.partitionId);
  } finally {
    await admin.disconnect();
  }
}

/** Sends one message to each partition and returns the values sent. */
async function sendToEveryPartition(
  producer: Producer,
  topic: string,
  partitions: number[],
  label: string,
): Promise<string[]> {
  const messages = partitions.map((partition) => ({ partition, value: `${label}-${partition}` }));
  await producer.send({ topic, messages });
  return messages.map((m) => m.value);
}

async function startConsumer(
  kafka: Kafka,
  groupId: string,
  topic: string,
  into: Collector<string>,
  onTestFinished: OnFinished,
): Promise<Consumer> {
  const consumer = testConsumer(kafka, groupId);
  onTestFinished(() => consumer.disconnect());
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      into.push(message.value?.toString() ?? '');
      return Promise.resolve();
    },
  });
  return consumer;
}
