import * as z from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { limitListFilters } from '../auth/team-limits.js';
import type { ForecastBoard, ForecastEntry } from '@slawatch/store';
import { listFilterQuery } from './list-query.js';

const matches = (wanted: readonly string[] | undefined, value: string | null) =>
  wanted === undefined || (value !== null && wanted.includes(value));

/** The breach forecast: open clocks likely to breach within the hour (docs/api.md). */
export const forecastRoutes =
  (board: ForecastBoard): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    api.get(
      '/forecast',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'Running clocks due within the hour and how likely each is to breach, most likely first (recomputed each minute)',
          tags: ['lists'],
          querystring: z.object({
            ...listFilterQuery,
            minProbability: z.coerce
              .number()
              .min(0)
              .max(1)
              .default(0.5)
              .describe('only clocks at least this likely to breach, 0..1 (default 0.5)'),
            within: z.coerce
              .number()
              .int()
              .min(1)
              .max(60)
              .default(60)
              .describe('only clocks due within this many minutes, 1..60 (default 60)'),
          }),
        },
      },
      async (request) => {
        const { query } = request;
        const teams = visibleTeams(request);
        const filters = limitListFilters(teams, query);
        const forecast = await board.current();
        const until = forecast.computedAt + query.within * 60_000;
        const keep = (e: ForecastEntry) =>
          e.probability >= query.minProbability &&
          Date.parse(e.deadline) <= until &&
          matches(filters.team, e.team) &&
          matches(filters.queue, e.queue) &&
          matches(filters.priority, e.priority) &&
          matches(filters.policy, e.policy);
        const clocks = forecast.entries.filter(keep);
        return {
          computedAt: new Date(forecast.computedAt).toISOString(),
          horizonMinutes: forecast.horizonMs / 60_000,
          // How many tickets of every team were due is not a team-limited token's to know.
          ...(teams === null ? { scanned: forecast.scanned } : {}),
          truncated: forecast.truncated,
          total: clocks.length,
          clocks: clocks.slice(0, query.limit),
        };
      },
    );
    done();
  };
