import type { Consumer, ConsumerConfig, Kafka } from 'kafkajs';

/**
 * A kafkajs consumer tuned for tests; every value is also valid on a real Kafka cluster.
 *
 * - `maxWaitTimeInMs: 100`: the default 5 s holds fetches back on multi-broker clusters
 *   (tulios/kafkajs#370), so a test would see messages seconds late.
 * - `sessionTimeout: 6000` (the smallest a default Kafka broker accepts): after the last
 *   member of a group leaves, librdkafka's mock broker waits the session timeout minus 1 s
 *   before the next member's join completes, 29 s with kafkajs' default of 30 s.
 */
export function testConsumer(
  kafka: Kafka,
  groupId: string,
  config: Partial<ConsumerConfig> = {},
): Consumer {
  return kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    sessionTimeout: 6_000,
    heartbeatInterval: 2_000,
    ...config,
  });
}
