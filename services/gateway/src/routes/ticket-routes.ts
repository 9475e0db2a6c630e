import * as z from 'zod';
import { parseInstant } from '@slawatch/core';
import { readTicket, type ListFilters } from '@slawatch/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { assertTicketVisible, noTicket, visibleTeams } from '../auth/authenticate.js';
import { limitListFilters, type AskedListFilters } from '../auth/team-limits.js';
import { invalidRequest } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { listFilterQuery } from './list-query.js';

/** The list filters asked for, narrowed to the teams the token may see. */
const filtersOf = (request: FastifyRequest, query: AskedListFilters): ListFilters =>
  limitListFilters(visibleTeams(request), query);

/** The ticket view, the at-risk list and the breach feed. */
export const ticketRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/tickets/:ticketId',
      {
        config: { scope: 'read' },
        schema: {
          summary: "A ticket's SLA view as of now (docs/events.md, The ticket view)",
          tags: ['tickets'],
          params: z.object({ ticketId: z.string().min(1).max(512) }),
        },
      },
      async (request) => {
        const found = await readTicket(
          deps.store,
          request.params.ticketId,
          deps.now(),
          deps.policies,
        );
        if (!found) throw noTicket(request.params.ticketId);
        assertTicketVisible(request, request.params.ticketId, found.team);
        return found.view;
      },
    );

    api.get(
      '/at-risk',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'Clocks at risk now, soonest deadline first; with paused=true, then clocks paused after going at risk',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            paused: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .describe(
                'also list clocks paused past a threshold (state "paused", remainingSeconds); every entry then has a state',
              ),
          }),
        },
      },
      async (request) => ({
        clocks: await deps.lists.atRisk(filtersOf(request, request.query), request.query.limit, {
          paused: request.query.paused,
        }),
      }),
    );

    api.get(
      '/breaches',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Recent breaches, newest first',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            since: z.string().optional().describe('RFC 3339 instant; default 24 hours ago'),
          }),
        },
      },
      async (request) => {
        const since =
          request.query.since === undefined
            ? deps.now() - 86_400_000
            : parseInstant(request.query.since);
        if (since === null)
          throw invalidRequest([
            { path: 'querystring.since', message: 'must be an RFC 3339 date-time' },
          ]);
        return {
          breaches: await deps.lists.breaches(
            since,
            filtersOf(request, request.query),
            request.query.limit,
          ),
        };
      },
    );
    done();
  };
