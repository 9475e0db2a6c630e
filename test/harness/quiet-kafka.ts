import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/**
 * A kafkajs client for tests: silent (its retry warnings are noise on a broker that is
 * still electing a coordinator) and with a short retry budget so a broken broker fails the
 * test quickly. Consumers made from it should pass `maxWaitTimeInMs: 100`: the default 5 s
 * holds fetches back on multi-broker clusters.
 */
export function quietKafka(brokers: string[], clientId = 'slawatch-test', config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
    ...config,
  });
}
