import type { TestProject } from 'vitest/node';
import { startKafka } from './kafka-broker.js';
import type {} from './provided-context.js';
import { startRedisCluster } from './redis-cluster.js';
import { startRedis } from './redis-server.js';

/**
 * Vitest globalSetup: one private Redis, one Redis Cluster (3 masters, 3 replicas) and one
 * 1-broker Kafka-protocol mock cluster for the whole run, provided to tests as
 * `inject('redisUrl')`, `inject('redisCluster')` (seed list) and `inject('kafkaBrokers')`.
 * Tests share them, so each test isolates itself with the unique names from
 * `unique-names.ts`, and none fails the shared cluster over (start your own for that).
 * They start side by side, the cluster taking the longest (2-4 s), even when no selected
 * test needs them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [redis, cluster, kafka] = await Promise.allSettled([
    startRedis(),
    startRedisCluster(),
    startKafka(),
  ]);
  if (redis.status === 'rejected' || cluster.status === 'rejected' || kafka.status === 'rejected') {
    // Do not leave the ones that did start running until the process exits.
    const started = [redis, cluster, kafka].flatMap((s) =>
      s.status === 'fulfilled' ? [s.value] : [],
    );
    await Promise.all(started.map((service) => service.stop()));
    const failed = [redis, cluster, kafka].find((s) => s.status === 'rejected');
    throw failed?.reason;
  }
  project.provide('redisUrl', redis.value.url);
  project.provide('redisCluster', cluster.value.seeds);
  project.provide('kafkaBrokers', kafka.value.brokers);
  return async () => {
    await Promise.all([redis.value.stop(), cluster.value.stop(), kafka.value.stop()]);
  };
}
