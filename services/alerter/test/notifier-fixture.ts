import { afterAll, beforeAll, inject } from 'vitest';
import { Redis } from 'ioredis';
import { parsePolicyDocument, type Notification } from '@slawatch/core';
import { createKeys, NotificationQueue, type DeliveryPolicy, type Keys } from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix } from '@slawatch/test';
import { createNotifier, type Notifier } from '../src/index.js';
import { breachNotification, LocalEndpoint } from './receiver-fixtures.js';

/** Polls `ok` every 20 ms; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface NotifierFixture {
  readonly redis: Redis;
  readonly keys: Keys;
  /** The receiver's local endpoint; its URL is in the environment variable RECEIVER_URL. */
  readonly endpoint: LocalEndpoint;
  queue: NotificationQueue;
  notifier: Notifier;
  /** A breach notification for the receiver `receiver`, changed by `over`. */
  notification(this: void, over?: Partial<Notification>): Notification;
}

/**
 * A notifier on the harness's Redis (a key prefix of its own) delivering to a local
 * endpoint, for the file's tests: `alertingYaml` is the policy document's `alerting`
 * section, whose one receiver reads its URL from RECEIVER_URL.
 */
export function useNotifier(options: {
  readonly receiver: string;
  readonly alertingYaml: string;
  readonly env?: Record<string, string>;
  readonly delivery?: DeliveryPolicy;
  readonly capPeriodMs?: number;
}): NotifierFixture {
  const redis = new Redis(inject('redisUrl'));
  const prefix = `notify-${Math.random().toString(36).slice(2, 8)}`;
  const delivery = options.delivery ?? { attempts: 5, baseDelayMs: 50, maxDelayMs: 200 };
  const loaded = parsePolicyDocument(
    `policies: [{ id: p, targets: { firstResponse: 15m } }]\nalerting:\n${options.alertingYaml}`,
  );
  if (!loaded.ok) throw new Error(`test policies: ${JSON.stringify(loaded.problems)}`);
  const fixture = {
    redis,
    keys: createKeys(prefix),
    endpoint: new LocalEndpoint(),
    notification: (over: Partial<Notification> = {}) => {
      const n = breachNotification();
      return { ...n, receiver: options.receiver, id: `${n.id}-${options.receiver}`, ...over };
    },
  } as NotifierFixture;

  beforeAll(async () => {
    const url = await fixture.endpoint.listen('/receiver');
    fixture.queue = new NotificationQueue(redis, fixture.keys, delivery);
    fixture.notifier = createNotifier({
      redis,
      keys: fixture.keys,
      settings: loaded.policySet.alerting,
      env: { RECEIVER_URL: url, ...options.env },
      delivery,
      ...(options.capPeriodMs ? { capPeriodMs: options.capPeriodMs } : {}),
      log: createLogger('test', 'silent'),
    });
    await fixture.notifier.start();
  });

  afterAll(async () => {
    await fixture.notifier?.stop();
    await fixture.queue?.close();
    fixture.endpoint.close();
    await deleteKeysByPrefix(redis, `{${prefix}:`);
    await redis.quit();
  });
  return fixture;
}
