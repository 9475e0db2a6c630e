import * as z from 'zod';
import { CLOCK_KINDS, formatInstant, parseInstant } from '@slawatch/core';
import { minuteSpanMs, readTicket, type ListFilters } from '@slawatch/store';
import { OPEN_STATUSES } from '@slawatch/wire';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { assertTicketVisible, noTicket, visibleTeams } from '../auth/authenticate.js';
import { limitListFilters, type AskedListFilters } from '../auth/team-limits.js';
import { invalidRequest } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { commaList, listFilterQuery } from './list-query.js';

/** The list filters asked for, narrowed to the teams the token may see. */
const filtersOf = (request: FastifyRequest, query: AskedListFilters): ListFilters =>
  limitListFilters(visibleTeams(request), query);

/**
 * The ticket view and the lists of tickets and clocks: at risk, breaches, and the
 * drill-down behind the counts (open tickets by status or breached, finished clocks).
 */
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
            clock: clockList.describe('only breaches of these clock kinds, comma-separated'),
          }),
        },
      },
      async (request) => {
        const since = sinceOf(request.query.since, deps.now() - DAY_MS);
        return {
          breaches: await deps.lists.breaches(
            since,
            filtersOf(request, request.query),
            request.query.limit,
            request.query.clock ? { clock: request.query.clock } : {},
          ),
        };
      },
    );

    api.get(
      '/open-tickets',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'Open tickets behind the backlog counts (by status), or with breached=true those with a breached clock running; oldest first',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            status: statusList.describe(
              'only these statuses: new, open, pending, on_hold; default all four',
            ),
            breached: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .describe('instead, the open tickets with a breached clock running'),
          }),
        },
      },
      async (request) => {
        const { status, breached, limit } = request.query;
        if (breached && status)
          throw invalidRequest([
            { path: 'querystring.status', message: 'not with breached=true: ask one list' },
          ]);
        const asked = breached
          ? { breached: true as const }
          : { statuses: status ?? OPEN_STATUSES };
        return {
          tickets: await deps.lists.tickets(asked, filtersOf(request, request.query), limit),
        };
      },
    );

    api.get(
      '/outcomes',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'Clocks that finished met or breached, newest first, behind the attainment and breach counts (as far back as the per-minute span, a day by default)',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            since: z.string().optional().describe('RFC 3339 instant; default 24 hours ago'),
            clock: clockList.describe('only these clock kinds, comma-separated'),
            outcome: z.enum(['met', 'breached']).optional().describe('only met or only breached'),
          }),
        },
      },
      async (request) => {
        const { clock, outcome, limit } = request.query;
        const now = deps.now();
        // The lists keep the per-minute span: an earlier `since` gets what is kept, and says so.
        const keptFrom = now - minuteSpanMs(deps.policies.metrics);
        const since = Math.max(sinceOf(request.query.since, now - DAY_MS), keptFrom);
        return {
          from: formatInstant(since),
          outcomes: await deps.lists.outcomes(
            since,
            now,
            { ...(clock ? { clock } : {}), ...(outcome ? { outcome } : {}) },
            filtersOf(request, request.query),
            limit,
          ),
        };
      },
    );
    done();
  };

const DAY_MS = 86_400_000;

/** `since` from the query, or `otherwise` when absent; a 400 naming it when not RFC 3339. */
function sinceOf(asked: string | undefined, otherwise: number): number {
  if (asked === undefined) return otherwise;
  const since = parseInstant(asked);
  if (since === null)
    throw invalidRequest([{ path: 'querystring.since', message: 'must be an RFC 3339 date-time' }]);
  return since;
}

/** A comma-separated list of clock kinds, each checked. */
const clockList = commaList.pipe(z.array(z.enum(CLOCK_KINDS)).optional());
/** A comma-separated list of open statuses, each checked. */
const statusList = commaList.pipe(z.array(z.enum(OPEN_STATUSES)).optional());
