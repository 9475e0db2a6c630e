import type { Kafka, Message, Producer } from 'kafkajs';
import { KeyPartitioner } from './key-partitioner.js';

interface Pending {
  readonly topic: string;
  readonly messages: Message[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Coalesces sends made in the same tick into one `sendBatch`, so a burst of timers firing
 * together (thousands of deadlines in one second) becomes a few Kafka requests, while each
 * caller still learns whether its own messages were written.
 */
export class BatchingProducer {
  private pending: Pending[] = [];
  private scheduled = false;

  private readonly producer: Producer;

  /** Owns its kafkajs producer: topics are created on first use, keys pick partitions. */
  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      allowAutoTopicCreation: true,
      // kafkajs' default partitioning, without its slow hash of producer-chosen keys.
      createPartitioner: KeyPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  send(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ topic, messages, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      const messages = byTopic.get(p.topic);
      if (messages === undefined) byTopic.set(p.topic, [...p.messages]);
      else for (const m of p.messages) messages.push(m);
    }
    try {
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
