import type { FastifyReply } from 'fastify';
import { apiError } from '../errors.js';
import type { EventMessage, EventSink } from './event-sink.js';

/** Seconds a client is told to wait before sending again when Kafka did not acknowledge. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The ingest routes' way onto the topic: at most `maxInFlight` writes waiting for Kafka at
 * once (503 `SLW_EVENTS_BUSY` beyond), and an answer within `timeoutMs` (503
 * `SLW_EVENTS_UNAVAILABLE` after), both with `Retry-After`.
 */
export class EventWriter {
  /** Writes of this gateway waiting for Kafka, timed-out ones included. */
  private inFlight = 0;

  constructor(
    private readonly sink: EventSink,
    private readonly limits: { readonly timeoutMs: number; readonly maxInFlight: number },
  ) {}

  async write(messages: readonly EventMessage[], reply: FastifyReply): Promise<void> {
    if (messages.length === 0) return;
    if (this.inFlight >= this.limits.maxInFlight) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw apiError('SLW_EVENTS_BUSY', this.inFlight);
    }
    // Counted until Kafka answers, not until the request gives up waiting: writes a
    // timeout left behind still hold memory and a place in the producer's queue.
    this.inFlight += 1;
    const written = this.sink.write(messages).finally(() => {
      this.inFlight -= 1;
    });
    try {
      await within(written, this.limits.timeoutMs);
    } catch (error) {
      reply.log.warn(
        { err: error, events: messages.length },
        'ingest: Kafka did not acknowledge the events',
      );
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      throw apiError('SLW_EVENTS_UNAVAILABLE', this.limits.timeoutMs);
    }
  }
}

/** `promise`, or a rejection once `timeoutMs` has passed without it settling. */
async function within(promise: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no acknowledgement within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
