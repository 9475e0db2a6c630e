import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parsePolicyDocument, simulate, type PolicySet } from '@slawatch/core';
import { createKeys, readTicketView, TicketStore } from '@slawatch/store';
import { deleteKeysByPrefix, quietKafka, uniqueGroupId, uniqueTopic } from '../harness/index.js';
import { randomLifecycles } from './support/random-lifecycles.js';
import { startService, waitForOutput, type ServiceProcess } from './support/service-process.js';
import { waitUntil } from './support/wait-until.js';
import { waitCaughtUp } from './support/caught-up.js';

const POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    warnAt: [0.5]
  - id: rest
    targets: { firstResponse: 4h, resolution: 24h }
`;

describe('the tracker process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slawatch-crash-'));
  const policyFile = join(dir, 'policies.yaml');
  writeFileSync(policyFile, POLICIES);
  const loaded = parsePolicyDocument(POLICIES);
  const policies = (loaded.ok ? loaded.policySet : null) as PolicySet;
  const prefix = `crash-${Math.random().toString(36).slice(2, 8)}`;
  const topic = uniqueTopic('crash-events');
  const env = {
    SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SLAWATCH_REDIS_URL: inject('redisUrl'),
    SLAWATCH_POLICIES: policyFile,
    SLAWATCH_TOPIC: topic,
    SLAWATCH_DLQ_TOPIC: uniqueTopic('crash-dlq'),
    SLAWATCH_ALERTS_TOPIC: uniqueTopic('crash-alerts'),
    SLAWATCH_GROUP_ID: uniqueGroupId('crash'),
    SLAWATCH_KEY_PREFIX: prefix,
    SLAWATCH_KAFKA_SESSION_TIMEOUT: '6000',
    SLAWATCH_LOG_LEVEL: 'info',
  };
  const redis = new Redis(inject('redisUrl'));
  const store = new TicketStore(redis, createKeys(prefix));
  const kafka = quietKafka(inject('kafkaBrokers'), 'crash-test');
  let producer: Producer;
  const running: ServiceProcess[] = [];
  const start = () => {
    const p = startService('tracker', env);
    running.push(p);
    return p;
  };

  beforeAll(async () => {
    producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
  });

  afterAll(async () => {
    for (const p of running) p.child.kill('SIGKILL');
    await producer?.disconnect();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, `{${prefix}:q}`);
    await redis.quit();
  });

  const produce = async (events: object[]) => {
    for (let i = 0; i < events.length; i += 500)
      await producer.send({
        topic,
        messages: events
          .slice(i, i + 500)
          .map((e) => ({ key: (e as { subject: string }).subject, value: JSON.stringify(e) })),
      });
  };

  const caughtUp = (events: object[], ms: number) => waitCaughtUp(store, events, ms);

  const expectSameAsSimulate = async (events: object[]) => {
    const at = Date.parse('2026-11-26T12:00:00Z');
    const expected = simulate(
      events.map((value) => ({ value })),
      policies,
      at,
    );
    const byId = new Map(expected.tickets.map((t) => [t.ticketId, t]));
    for (const id of new Set((events as { subject: string }[]).map((e) => e.subject)))
      expect(await readTicketView(store, id, at, policies), id).toEqual(byId.get(id) ?? null);
  };

  it('loses nothing and counts nothing twice when SIGKILLed mid-stream and restarted', async () => {
    const events = randomLifecycles(1500, 11);
    const first = start();
    await waitForOutput(first, 'tracker consuming', 30_000);
    const half = Math.floor(events.length / 2);
    await produce(events.slice(0, half));
    // Kill it while it is applying: some tickets are in Redis, the offsets are behind.
    await waitUntil(
      async () => (await store.loadOne('R-11-100')).version > 0,
      20_000,
      'the tracker to be applying',
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await produce(events.slice(half));
    const second = start();
    await caughtUp(events, 60_000);
    await expectSameAsSimulate(events);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('on SIGTERM finishes the batch in hand, commits and exits 0', async () => {
    const events = randomLifecycles(300, 12);
    const p = start();
    await waitForOutput(p, 'tracker consuming', 30_000);
    await produce(events);
    p.child.kill('SIGTERM');
    const exit = await p.exited;
    expect(exit.code).toBe(0);
    expect(p.output()).toContain('tracker stopped');
    // Whatever was committed is in Redis; the rest is redelivered to the next tracker.
    const next = start();
    await caughtUp(events, 60_000);
    await expectSameAsSimulate(events);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
  });
});
