import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { apiError, invalidRequest } from '../errors.js';
import type { EventSink } from '../ingest/event-sink.js';
import type { IngestLimits } from '../ingest/ingest-limits.js';
import {
  EVENT_BATCH_TYPE,
  eventsOfBody,
  SINGLE_EVENT_TYPE,
  sortEvents,
} from '../ingest/sort-events.js';

/** Seconds a client is told to wait before sending again when Kafka did not acknowledge. */
const RETRY_AFTER_SECONDS = 5;

const problem = z.object({ path: z.string(), message: z.string() });
const answer = z.object({
  accepted: z.array(
    z.object({ index: z.number(), source: z.string(), id: z.string(), subject: z.string() }),
  ),
  rejected: z.array(
    z.object({ index: z.number(), id: z.string().nullable(), problems: z.array(problem) }),
  ),
});

/**
 * `POST /events`: ticket events over HTTP, onto the events topic the tracker reads, for
 * producers without a Kafka client of their own. Each event is checked as the tracker
 * checks it; the valid ones are written, keyed by ticket id, and the answer comes once
 * Kafka has acknowledged them.
 */
export const ingestRoutes =
  (sink: EventSink, limits: IngestLimits, now: () => number): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    // CloudEvents' own JSON media types, parsed as fastify parses application/json
    // (prototype poisoning refused).
    api.addContentTypeParser(
      [SINGLE_EVENT_TYPE, EVENT_BATCH_TYPE],
      { parseAs: 'string' },
      api.getDefaultJsonParser('error', 'error'),
    );
    /** Requests of this gateway waiting for Kafka. */
    let inFlight = 0;
    api.post(
      '/events',
      {
        config: { scope: 'ingest' },
        bodyLimit: limits.maxBytes,
        schema: {
          summary: 'Ticket events onto the events topic: one CloudEvent, or a batch (a JSON array)',
          tags: ['events'],
          body: z.unknown(),
          response: { 200: answer, 207: answer },
        },
      },
      async (request, reply) => {
        // An event's team is the ticket's, which may be another team's: a team-limited
        // token could otherwise change tickets it may not even see.
        if (request.principal?.teams)
          throw apiError(
            'SLW_AUTH_TEAMS_LIMITED',
            'a token limited to teams cannot send events: give the producer a token of its own with the ingest scope and no teams',
          );
        const read = eventsOfBody(request.body, request.headers['content-type']);
        if ('path' in read) throw invalidRequest([read]);
        if (read.values.length > limits.maxEvents)
          throw apiError('SLW_EVENTS_TOO_MANY', read.values.length, limits.maxEvents);
        const sorted = sortEvents(read.values, read.batch, limits, now());
        if (sorted.accepted.length === 0)
          throw apiError('SLW_EVENTS_INVALID').withProblems(
            sorted.rejected.flatMap((r) => r.problems),
          );
        if (inFlight >= limits.maxInFlight) {
          void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
          throw apiError('SLW_EVENTS_BUSY', inFlight);
        }
        // Counted until Kafka answers, not until the request gives up waiting: writes a
        // timeout left behind still hold memory and a place in the producer's queue.
        inFlight += 1;
        const written = sink.write(sorted.messages).finally(() => {
          inFlight -= 1;
        });
        try {
          await within(written, limits.timeoutMs);
        } catch (error) {
          request.log.warn(
            { err: error, events: sorted.messages.length },
            'ingest: Kafka did not acknowledge the events',
          );
          void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
          throw apiError('SLW_EVENTS_UNAVAILABLE', limits.timeoutMs);
        }
        return reply
          .code(sorted.rejected.length === 0 ? 200 : 207)
          .send({ accepted: sorted.accepted, rejected: sorted.rejected });
      },
    );
    done();
  };

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
