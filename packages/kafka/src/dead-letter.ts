import type { Message } from 'kafkajs';

/** Where an invalid message came from, for the dead-letter headers. */
export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: Message['headers'];
}

/** Header names on dead-lettered messages (documented in docs/events.md, "Invalid events"). */
export const DLQ_HEADERS = {
  reason: 'slawatch-reason',
  topic: 'slawatch-original-topic',
  partition: 'slawatch-original-partition',
  offset: 'slawatch-original-offset',
} as const;

/** The dead-letter copy of a message: the original bytes, the reason and where it was. */
export function deadLetter(source: DeadLetterSource, reason: string): Message {
  return {
    key: source.key,
    value: source.value,
    headers: {
      ...source.headers,
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.topic]: source.topic,
      [DLQ_HEADERS.partition]: String(source.partition),
      [DLQ_HEADERS.offset]: source.offset,
    },
  };
}
