import type { Kafka } from 'kafkajs';

/**
 * Creates topics before anything is timed. A metadata request creates a topic on brokers
 * that auto-create; `admin.createTopics` fails on the mock broker (docs/real-dependencies).
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.fetchTopicMetadata({ topics: [...topics] });
  } finally {
    await admin.disconnect();
  }
}
