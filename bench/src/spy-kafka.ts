import type { Consumer, Kafka, Producer } from 'kafkajs';

export interface KafkaSpy {
  consumer?(consumer: Consumer): void;
  producer?(producer: Producer): void;
}

/**
 * A kafkajs client that hands every consumer and producer it makes to `spy` before the
 * service gets it. The services build their own clients from the `Kafka` they are given;
 * this is how the benchmark reaches them (to pause a consumer, to time its batches and
 * sends) without any hook in the product code.
 */
export function spyKafka(kafka: Kafka, spy: KafkaSpy): Kafka {
  // Everything else (admin, logger) is the original client's, through the prototype.
  const spied = Object.create(kafka) as Kafka;
  spied.consumer = (config) => {
    const consumer = kafka.consumer(config);
    spy.consumer?.(consumer);
    return consumer;
  };
  spied.producer = (config) => {
    const producer = kafka.producer(config);
    spy.producer?.(producer);
    return producer;
  };
  return spied;
}

/** One `sendBatch` a producer made: when it started and was acknowledged, what it held. */
export interface TimedSend {
  readonly startedAt: number;
  readonly ackedAt: number;
  readonly keys: readonly string[];
}

/**
 * Wraps `producer.sendBatch` (the call BatchingProducer makes) so that each send's start
 * and acknowledgement times (epoch ms) and message keys reach `onSend`.
 */
export function timeSends(producer: Producer, onSend: (send: TimedSend) => void): void {
  const sendBatch = producer.sendBatch.bind(producer);
  producer.sendBatch = async (batch) => {
    const startedAt = Date.now();
    const result = await sendBatch(batch);
    const keys = (batch.topicMessages ?? []).flatMap((t) =>
      t.messages.map((m) => (m.key === null || m.key === undefined ? '' : String(m.key))),
    );
    onSend({ startedAt, ackedAt: Date.now(), keys });
    return result;
  };
}
