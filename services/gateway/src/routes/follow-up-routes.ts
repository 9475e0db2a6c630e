import * as z from 'zod';
import { parseInstant, SURVEY_KINDS } from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { limitListFilters } from '../auth/team-limits.js';
import { invalidRequest } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { listFilterQuery } from './list-query.js';

/** The default look-back: low scores are rare, and one from last week still wants a call. */
const WEEK_MS = 7 * 86_400_000;

/** The follow-up list: recent low survey scores (CSAT 1-2, NPS 0-6), newest first. */
export const followUpRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/follow-ups',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Recent low survey scores to follow up (CSAT 1-2, NPS 0-6), newest first',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            since: z.string().optional().describe('RFC 3339 instant; default 7 days ago'),
            kind: z.enum(SURVEY_KINDS).optional().describe('only csat or only nps surveys'),
          }),
        },
      },
      async (request) => {
        const { since: asked, kind, limit, ...filters } = request.query;
        const since = asked === undefined ? deps.now() - WEEK_MS : parseInstant(asked);
        if (since === null)
          throw invalidRequest([
            { path: 'querystring.since', message: 'must be an RFC 3339 date-time' },
          ]);
        return {
          followUps: await deps.lists.followUps(
            since,
            limitListFilters(visibleTeams(request), filters),
            limit,
            kind === undefined ? {} : { survey: kind },
          ),
        };
      },
    );
    done();
  };
