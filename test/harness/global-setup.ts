import type { TestProject } from 'vitest/node';
import { startKafka } from './kafka-broker.js';
import type {} from './provided-context.js';
import { startRedis } from './redis-server.js';

/**
 * Vitest globalSetup: one private Redis and one 1-broker Kafka-protocol mock cluster for the
 * whole run, provided to tests as `inject('redisUrl')` and `inject('kafkaBrokers')`. Tests
 * share them, so each test isolates itself with the unique names from `unique-names.ts`.
 * Both start in about a second, so they start even when no selected test needs them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [redis, kafka] = await Promise.allSettled([startRedis(), startKafka()]);
  if (redis.status === 'rejected' || kafka.status === 'rejected') {
    // Do not leave the one that did start running until the process exits.
    await Promise.all(
      [redis, kafka].map((s) => (s.status === 'fulfilled' ? s.value.stop() : Promise.resolve())),
    );
    throw redis.status === 'rejected'
      ? redis.reason
      : kafka.status === 'rejected'
        ? kafka.reason
        : undefined;
  }
  project.provide('redisUrl', redis.value.url);
  project.provide('kafkaBrokers', kafka.value.brokers);
  return async () => {
    await Promise.all([redis.value.stop(), kafka.value.stop()]);
  };
}
