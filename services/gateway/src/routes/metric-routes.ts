import * as z from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DIMENSIONS, type Dimension } from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { limitMetricValues } from '../auth/team-limits.js';
import { ANSWER_FORMATS, answerFormat, type AnswerFormat } from '../csv/answer-format.js';
import { agentsCsv, metricsCsv } from '../csv/metrics-csv.js';
import { trendCsv } from '../csv/trend-csv.js';
import { apiError } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { commaList } from './list-query.js';

/**
 * `answer` as JSON, or when the caller asked for CSV (`format`, else Accept:
 * answer-format.ts) the CSV `csv` makes of it, as a file named after the route, dimension
 * and window. Called once the answer is read, so that errors before it stay JSON.
 */
function negotiated<A extends { readonly window: string }>(
  format: AnswerFormat,
  reply: FastifyReply,
  answer: A,
  name: `${'metrics' | 'trend' | 'agents'}-${string}`,
  csv: (answer: A) => string,
): A | string {
  // The same URL answers JSON or CSV by the Accept header: caches must key on it.
  const vary = reply.getHeader('vary');
  void reply.header('vary', vary === undefined ? 'Accept' : `${String(vary)}, Accept`);
  if (format === 'json') return answer;
  // The name is the caller's text (a team): kept to a safe alphabet for the header.
  const file = `slawatch-${name.replace(/[^\w.-]/g, '_')}-${answer.window}.csv`;
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${file}"`);
  return csv(answer);
}

/** Rolling metrics for a window, a dimension and optional values of it, as JSON or CSV. */
export const metricRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const windows = deps.policies.metrics.windows;
    const further = deps.policies.metrics.furtherClocks ?? [];
    const querystring = z.object({
      window: z.enum(windows.map((w) => w.name) as [string, ...string[]]).default(windows[0]!.name),
      dimension: z.enum(DIMENSIONS).default('all'),
      values: commaList.describe('only these values of the dimension, comma-separated'),
      format: z
        .enum(ANSWER_FORMATS)
        .optional()
        .describe('`json` (default) or `csv`; without it, `Accept: text/csv` asks for CSV'),
    });
    /** The query's options for MetricWindows, once the caller's team limit allows them. */
    const metricOptions = (
      request: FastifyRequest,
      query: z.output<typeof querystring>,
    ): { windowMs: number; dimension: Dimension; values?: readonly string[] } => {
      const { window, dimension } = query;
      const limited = limitMetricValues(visibleTeams(request), dimension, query.values);
      if (!limited.ok) throw apiError('SLW_AUTH_TEAMS_LIMITED', limited.message);
      const windowMs = windows.find((w) => w.name === window)!.ms;
      return { windowMs, dimension, ...(limited.values ? { values: limited.values } : {}) };
    };
    const formatOf = (request: FastifyRequest, query: { format?: AnswerFormat | undefined }) =>
      answerFormat(query.format, request.headers.accept);

    api.get(
      '/metrics',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Every metric of docs/metrics.md for one window and dimension, as JSON or CSV',
          tags: ['metrics'],
          querystring,
        },
      },
      async (request, reply) => {
        const report = await deps.metrics.query(metricOptions(request, request.query), deps.now());
        const name = `metrics-${report.dimension}` as const;
        return negotiated(formatOf(request, request.query), reply, report, name, (r) =>
          metricsCsv(r, further),
        );
      },
    );

    api.get(
      '/metrics/trend',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'The window cut into up to 24 slices (stepMinutes), oldest first, with the windowed figures of each slice, as JSON or CSV',
          tags: ['metrics'],
          querystring,
        },
      },
      async (request, reply) => {
        const trend = await deps.metrics.trend(metricOptions(request, request.query), deps.now());
        const name = `trend-${trend.dimension}` as const;
        return negotiated(formatOf(request, request.query), reply, trend, name, (t) =>
          trendCsv(t, further),
        );
      },
    );

    const agentsQuery = z.object({
      window: querystring.shape.window,
      team: z.string().min(1).max(512).describe('the team whose agents to list'),
      format: querystring.shape.format,
    });
    api.get(
      '/agents',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            "One team's figures, then each of its agents' over the team's tickets only, for one window, as JSON or CSV",
          tags: ['metrics'],
          querystring: agentsQuery,
        },
      },
      async (request, reply) => {
        const { window, team } = request.query;
        // The rows are the team's tickets only, so a token limited to the team may read them.
        const teams = visibleTeams(request);
        if (teams !== null && !teams.includes(team))
          throw apiError('SLW_AUTH_TEAMS_LIMITED', 'this token is limited to other teams');
        const windowMs = windows.find((w) => w.name === window)!.ms;
        const report = await deps.metrics.agents({ windowMs, team }, deps.now());
        const name = `agents-${team}` as const;
        return negotiated(formatOf(request, request.query), reply, report, name, (r) =>
          agentsCsv(r, further),
        );
      },
    );
    done();
  };
