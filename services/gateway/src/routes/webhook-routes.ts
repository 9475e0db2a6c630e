import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { apiError, invalidRequest } from '../errors.js';
import type { EventWriter } from '../ingest/event-writer.js';
import { WEBHOOK_ANSWER } from '../ingest/ingest-answer.js';
import type { IngestMetrics } from '../ingest/ingest-metrics.js';
import type { HelpdeskAdapter } from '../ingest/helpdesk-adapter.js';
import type { IngestLimits } from '../ingest/ingest-limits.js';
import { refuseTeamLimited } from '../ingest/refuse-team-limited.js';
import { sortEvents } from '../ingest/sort-events.js';

/** The helpdesks' webhooks the gateway takes, and their signing secrets by adapter name. */
export interface HelpdeskIngest {
  readonly adapters: readonly HelpdeskAdapter[];
  /** Unset or empty: that helpdesk's signatures are not checked (the token still is). */
  readonly secrets: Readonly<Record<string, string | undefined>>;
}

/** A webhook body: its bytes as received (what signatures cover) and its JSON. */
interface WebhookBody {
  readonly raw: string;
  readonly value: unknown;
}

/**
 * `POST /ingest/<helpdesk>`: a helpdesk's own webhook deliveries, signature checked where
 * it signs, mapped to contract events by its adapter (pure, table-tested), then checked
 * and written like `POST /events`. A delivery whose events are all refused still answers
 * 2xx (207): a helpdesk retries 4xx and 5xx, and sending the same payload again cannot
 * help; the refusals are in the answer and the log.
 */
export const webhookRoutes =
  (
    writer: EventWriter,
    counts: IngestMetrics,
    limits: IngestLimits,
    now: () => number,
    helpdesks: HelpdeskIngest,
  ): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const byName = new Map(helpdesks.adapters.map((a) => [a.name, a]));
    const names = [...byName.keys()] as [string, ...string[]];
    // Any content type, read as text and then as JSON (prototype poisoning refused):
    // signatures are over the exact bytes, and helpdesks label their JSON variously.
    const parseJson = api.getDefaultJsonParser('error', 'error');
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'string' }, (request, body, parsed) => {
      const raw = body.toString();
      void parseJson(request, raw, (error, value) => {
        if (error) parsed(error);
        else parsed(null, { raw, value: value as unknown } satisfies WebhookBody);
      });
    });
    api.post(
      '/ingest/:helpdesk',
      {
        // Some helpdesks cannot set headers on a webhook: `?access_token=` (redacted in logs).
        config: { scope: 'ingest', tokenInQuery: true },
        bodyLimit: limits.maxBytes,
        schema: {
          summary: "A helpdesk's webhook delivery, mapped to ticket events (docs/helpdesks/)",
          tags: ['events'],
          params: z.object({ helpdesk: z.enum(names) }),
          body: z.unknown(),
          response: { 200: WEBHOOK_ANSWER, 207: WEBHOOK_ANSWER },
        },
      },
      async (request, reply) => {
        refuseTeamLimited(request);
        const adapter = byName.get(request.params.helpdesk)!;
        const body = request.body as WebhookBody;
        const secret = helpdesks.secrets[adapter.name];
        if (adapter.secretVariable !== null && secret) {
          const why = adapter.verify(
            { headers: request.headers, rawBody: body.raw },
            secret,
            now(),
          );
          if (why !== null) throw apiError('SLW_INGEST_SIGNATURE_INVALID', adapter.name, why);
        }
        const mapped = adapter.map(body.value);
        if ('problems' in mapped) throw invalidRequest(mapped.problems);
        if (mapped.events.length > limits.maxEvents)
          throw apiError('SLW_EVENTS_TOO_MANY', mapped.events.length, limits.maxEvents);
        const sorted = sortEvents(mapped.events, (i) => `events[${i}]`, limits, now());
        if (sorted.rejected.length > 0)
          request.log.warn(
            { helpdesk: adapter.name, rejected: sorted.rejected },
            'ingest: events mapped from a webhook were refused',
          );
        await writer.write(sorted.messages, reply);
        counts.counted(adapter.name, {
          accepted: sorted.accepted.length,
          rejected: sorted.rejected.length,
          ignored: mapped.ignored.length,
        });
        return reply.code(sorted.rejected.length === 0 ? 200 : 207).send({
          accepted: sorted.accepted,
          rejected: sorted.rejected,
          ignored: [...mapped.ignored],
        });
      },
    );
    done();
  };
