import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { apiError, invalidRequest } from '../errors.js';
import type { EventWriter } from '../ingest/event-writer.js';
import { INGEST_ANSWER } from '../ingest/ingest-answer.js';
import type { IngestMetrics } from '../ingest/ingest-metrics.js';
import { refuseTeamLimited } from '../ingest/refuse-team-limited.js';
import type { IngestLimits } from '../ingest/ingest-limits.js';
import {
  bodyPaths,
  EVENT_BATCH_TYPE,
  eventsOfBody,
  SINGLE_EVENT_TYPE,
  sortEvents,
} from '../ingest/sort-events.js';

/**
 * `POST /events`: ticket events over HTTP, onto the events topic the tracker reads, for
 * producers without a Kafka client of their own. Each event is checked as the tracker
 * checks it; the valid ones are written, keyed by ticket id, and the answer comes once
 * Kafka has acknowledged them.
 */
export const ingestRoutes =
  (
    writer: EventWriter,
    counts: IngestMetrics,
    limits: IngestLimits,
    now: () => number,
  ): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    // CloudEvents' own JSON media types, parsed as fastify parses application/json
    // (prototype poisoning refused).
    api.addContentTypeParser(
      [SINGLE_EVENT_TYPE, EVENT_BATCH_TYPE],
      { parseAs: 'string' },
      api.getDefaultJsonParser('error', 'error'),
    );
    api.post(
      '/events',
      {
        config: { scope: 'ingest' },
        bodyLimit: limits.maxBytes,
        schema: {
          summary: 'Ticket events onto the events topic: one CloudEvent, or a batch (a JSON array)',
          tags: ['events'],
          body: z.unknown(),
          response: { 200: INGEST_ANSWER, 207: INGEST_ANSWER },
        },
      },
      async (request, reply) => {
        refuseTeamLimited(request);
        const read = eventsOfBody(request.body, request.headers['content-type']);
        if ('path' in read) throw invalidRequest([read]);
        if (read.values.length > limits.maxEvents)
          throw apiError('SLW_EVENTS_TOO_MANY', read.values.length, limits.maxEvents);
        const sorted = sortEvents(read.values, bodyPaths(read.batch), limits, now());
        if (sorted.accepted.length === 0) {
          counts.counted('events', { accepted: 0, rejected: sorted.rejected.length });
          throw apiError('SLW_EVENTS_INVALID').withProblems(
            sorted.rejected.flatMap((r) => r.problems),
          );
        }
        await writer.write(sorted.messages, reply);
        counts.counted('events', {
          accepted: sorted.accepted.length,
          rejected: sorted.rejected.length,
        });
        return reply
          .code(sorted.rejected.length === 0 ? 200 : 207)
          .send({ accepted: sorted.accepted, rejected: sorted.rejected });
      },
    );
    done();
  };
