import * as z from 'zod';
import { readTicket } from '@slawatch/store';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { assertTicketVisible, noTicket, visibleTeams } from '../auth/authenticate.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { commaList } from './list-query.js';

/** Notifications delivered (or given up on): the latest ones, and one ticket's. */
export const alertRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/alerts',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'The latest notifications delivered or given up on, newest first',
          tags: ['alerts'],
          querystring: z.object({
            receiver: commaList.describe('only these receivers, comma-separated'),
            team: commaList.describe('only these teams, comma-separated'),
            outcome: z.enum(['delivered', 'dead']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
        },
      },
      async (request) => {
        const { receiver, team, outcome, limit } = request.query;
        const teams = visibleTeams(request);
        return {
          alerts: await deps.deliveries.recent(
            limit,
            (r) =>
              (receiver === undefined || receiver.includes(r.receiver)) &&
              (team === undefined || (r.team !== null && team.includes(r.team))) &&
              (teams === null || (r.team !== null && teams.includes(r.team))) &&
              (outcome === undefined || r.outcome === outcome),
          ),
        };
      },
    );

    api.get(
      '/tickets/:ticketId/alerts',
      {
        config: { scope: 'read' },
        schema: {
          summary: "A ticket's alerts at each receiver, with their latest delivery state",
          tags: ['alerts'],
          params: z.object({ ticketId: z.string().min(1).max(512) }),
        },
      },
      async (request) => {
        const { ticketId } = request.params;
        const found = await readTicket(deps.store, ticketId, deps.now(), deps.policies);
        if (!found) throw noTicket(ticketId);
        assertTicketVisible(request, ticketId, found.team);
        return { ticketId, alerts: await deps.deliveries.forTicket(ticketId) };
      },
    );
    done();
  };
