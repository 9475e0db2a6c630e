import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { Collector, testConsumer, withTimeout } from '../../harness/index.js';

export interface TopicReader<T> {
  readonly items: Collector<T>;
  stop(): Promise<void>;
}

/**
 * Reads a topic from the beginning into a Collector, and resolves only once the consumer
 * has joined its group, so a test never races the group join. The topic is created first
 * (a metadata request creates it on brokers that auto-create topics).
 */
export async function readTopic<T>(
  kafka: Kafka,
  topic: string,
  map: (m: KafkaMessage) => T,
): Promise<TopicReader<T>> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.fetchTopicMetadata({ topics: [topic] });
  await admin.disconnect();
  const items = new Collector<T>();
  const consumer: Consumer = testConsumer(kafka, `${topic}-reader`);
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      items.push(map(message));
      return Promise.resolve();
    },
  });
  await withTimeout(joined, 30_000, `the reader of ${topic} to join its group`);
  return { items, stop: () => consumer.disconnect() };
}
