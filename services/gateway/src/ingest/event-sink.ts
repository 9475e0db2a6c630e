import { BatchingProducer } from '@slawatch/kafka';

/** One message for the events topic: keyed by the ticket id, the event's JSON as value. */
export interface EventMessage {
  readonly key: string;
  readonly value: string;
}

/** Where `POST /api/v1/events` writes. */
export interface EventSink {
  /**
   * Resolves once the broker has acknowledged every message (all in-sync replicas);
   * rejects with why not, in which case any or none of them may have been written.
   */
  write(messages: readonly EventMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** The Kafka client the sink makes its producer with (createKafka's). */
export type KafkaProducerSource = ConstructorParameters<typeof BatchingProducer>[0];

/**
 * The events topic through one producer for the whole gateway. Requests arriving together
 * share a Kafka request (BatchingProducer); its default `acks` is -1, every in-sync
 * replica. It connects on first use and again after a failure, so a gateway started while
 * Kafka is down still serves everything else, and ingests once Kafka is back.
 */
export class KafkaEventSink implements EventSink {
  private readonly producer: BatchingProducer;
  private connected: Promise<void> | null = null;

  constructor(
    kafka: KafkaProducerSource,
    private readonly topic: string,
  ) {
    this.producer = new BatchingProducer(kafka);
  }

  async write(messages: readonly EventMessage[]): Promise<void> {
    this.connected ??= this.producer.connect();
    try {
      await this.connected;
      await this.producer.send(this.topic, [...messages]);
    } catch (error) {
      // The next request connects again (kafkajs' own reconnects are bounded by its retry).
      this.connected = null;
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.connected) await this.connected.catch(() => undefined);
    await this.producer.disconnect();
  }
}
