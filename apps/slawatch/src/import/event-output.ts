import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { TicketEvent } from '@slawatch/core';
import { BatchingProducer, createKafka } from '@slawatch/kafka';

/** Where imported events go: Kafka, or NDJSON. `write` resolves once they are safe. */
export interface EventOutput {
  readonly description: string;
  write(events: readonly TicketEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** Messages per Kafka request. */
const BATCH = 500;

/** A Kafka producer keyed by ticket id; `write` resolves when the brokers acknowledged. */
export async function kafkaOutput(brokers: readonly string[], topic: string): Promise<EventOutput> {
  const producer = new BatchingProducer(createKafka([...brokers], 'slawatch-import'));
  try {
    await producer.connect();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw new Error(`cannot connect to Kafka at ${brokers.join(',')}: ${(error as Error).message}`);
  }
  return {
    description: `Kafka topic ${topic} on ${brokers.join(',')}`,
    async write(events) {
      for (let i = 0; i < events.length; i += BATCH)
        await producer.send(
          topic,
          events.slice(i, i + BATCH).map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
        );
    },
    close: () => producer.disconnect(),
  };
}

/**
 * NDJSON on standard output (`-`) or in a file; `append` adds to the file (a resumed run)
 * instead of replacing it.
 */
export function ndjsonOutput(out: string, append: boolean): EventOutput {
  const stream: Writable =
    out === '-' ? process.stdout : createWriteStream(out, { flags: append ? 'a' : 'w' });
  let failure: Error | null = null;
  stream.on('error', (error: Error) => (failure = error));
  const where = out === '-' ? 'standard output' : `"${out}"`;
  const check = () => {
    if (failure) throw new Error(`cannot write to ${where}: ${failure.message}`);
  };
  return {
    description: out === '-' ? 'standard output (NDJSON)' : `${out} (NDJSON)`,
    async write(events) {
      check();
      if (events.length === 0) return;
      const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
      if (!stream.write(text)) await once(stream, 'drain');
      check();
    },
    async close() {
      if (stream === process.stdout) return;
      if (!stream.closed) {
        stream.end();
        await once(stream, 'close');
      }
      check();
    },
  };
}
