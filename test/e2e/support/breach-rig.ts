import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, inject } from 'vitest';
import { quietKafka, uniqueGroupId, uniqueTopic } from '../../harness/index.js';
import { event } from './events.js';
import { startLocalHook, type LocalHook } from './local-hook.js';
import type { ServiceProcess } from './service-process.js';

// A 2-second first response, so the deadline passes while the test waits.
const POLICIES = `
policies: [{ id: fast, targets: { firstResponse: 2s } }]
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: E2E_HOOK_URL }]
  route: { receivers: [hook] }
`;

/**
 * The environment of `slawatch run <service>` processes that breach every ticket 2 s after
 * it is created and send it to the webhook receiver `hook` at `hookUrl`: the harness's
 * broker and Redis, topics, group and key prefix of their own (named after `name`).
 */
export function breachEnv(name: string, hookUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), `slawatch-${name}-`));
  writeFileSync(join(dir, 'policies.yaml'), POLICIES);
  return {
    SLAWATCH_KAFKA_BROKERS: inject('kafkaBrokers').join(','),
    SLAWATCH_REDIS_URL: inject('redisUrl'),
    SLAWATCH_POLICIES: join(dir, 'policies.yaml'),
    SLAWATCH_TOPIC: uniqueTopic(`${name}-events`),
    SLAWATCH_ALERTS_TOPIC: uniqueTopic(`${name}-alerts`),
    SLAWATCH_GROUP_ID: uniqueGroupId(name),
    SLAWATCH_KEY_PREFIX: `${name}-${Math.random().toString(36).slice(2, 8)}`,
    SLAWATCH_HTTP_HOST: '127.0.0.1',
    E2E_HOOK_URL: hookUrl,
  };
}

/** The Kafka message of ticket `id`'s creation, now. */
export function createdNow(id: string) {
  return {
    key: id,
    value: JSON.stringify(
      event(id, Date.now(), 'ticket.created', { priority: 'high', channel: 'chat' }),
    ),
  };
}

export interface BreachRig {
  /** The webhook receiver the services deliver to. */
  readonly hook: LocalHook;
  readonly producer: Producer;
  /** The service processes the test started: killed after the file's tests. */
  readonly running: ServiceProcess[];
}

/** For a test file: a loopback webhook receiver and a producer, set up before its tests. */
export function useBreachRig(clientId: string): BreachRig {
  const rig = { running: [] as ServiceProcess[] } as {
    -readonly [K in keyof BreachRig]: BreachRig[K];
  };
  beforeAll(async () => {
    rig.hook = await startLocalHook();
    rig.producer = quietKafka(inject('kafkaBrokers'), clientId).producer({
      allowAutoTopicCreation: true,
    });
    await rig.producer.connect();
  });
  afterAll(async () => {
    for (const p of rig.running) p.child.kill('SIGKILL');
    await rig.producer?.disconnect();
    rig.hook?.close();
  });
  return rig;
}
