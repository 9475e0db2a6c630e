/**
 * `@slawatch/test`: private Redis (single and Cluster) and Kafka-protocol brokers for tests,
 * and the helpers that keep tests apart on them. Importing this starts nothing; only the
 * start functions do.
 */
export type {} from './provided-context.js';
export { acceptedEvent } from './accepted-event.js';
export { Collector } from './collector.js';
export { deleteKeysByPrefix } from './delete-keys-by-prefix.js';
export { findBinary } from './find-binary.js';
export { freePort } from './free-port.js';
export { startKafka, type KafkaBroker, type KafkaBrokerOptions } from './kafka-broker.js';
export { MissingBinaryError } from './missing-binary-error.js';
export { killTrackedSync } from './process-registry.js';
export { spawnOwned } from './spawn-owned.js';
export { stopProcess } from './stop-process.js';
export { quietKafka } from './quiet-kafka.js';
export { isolatedRedis, redisFor, type IsolatedRedis } from './redis-for.js';
export {
  startRedisCluster,
  type FailoverResult,
  type RedisCluster,
  type RedisClusterMaster,
  type RedisClusterNode,
  type RedisClusterOptions,
} from './redis-cluster.js';
export { clusterFromSeeds, parseSeeds } from './redis-cluster-client.js';
export type { RedisNodeInfo } from './redis-node-info.js';
export {
  startRedis,
  type RedisPersistence,
  type RedisServer,
  type RedisServerOptions,
} from './redis-server.js';
export { startAlertmanager, type AlertmanagerServer } from './alertmanager-server.js';
export { startPrometheus, type PrometheusServer } from './prometheus-server.js';
export { promtoolCheck } from './promtool-check.js';
export { testConsumer } from './test-consumer.js';
export { uniqueGroupId, uniquePrefix, uniqueQueueName, uniqueTopic } from './unique-names.js';
export { withTimeout } from './with-timeout.js';
export { startPartitionedKafka, type PartitionedKafka } from './partitioned-kafka.js';
