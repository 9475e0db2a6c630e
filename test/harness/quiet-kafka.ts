import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

/**
 * A kafkajs client for tests: silent (its retry warnings are noise on a broker that is
 * still electing a coordinator) and with a short retry budget so a broken broker fails the
 * test quickly. Make its consumers with `testConsumer`.
 */
export function quietKafka(
  brokers: string[],
  clientId = 'slawatch-test',
  config: Partial<KafkaConfig> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
    ...config,
  });
}
