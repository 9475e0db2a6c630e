import type { Delivery } from '@slawatch/traffic';

/** Where `simulate-traffic` sends its deliveries: Kafka, the gateway, or NDJSON lines. */
export interface TrafficSink {
  readonly description: string;
  /** The reader went away (a closed pipe): time to stop, not an error. */
  readonly gone: boolean;
  write(deliveries: readonly Delivery[]): Promise<void>;
  close(): Promise<void>;
}
