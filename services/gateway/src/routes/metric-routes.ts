import * as z from 'zod';
import { DIMENSIONS } from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { HttpError } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { commaList } from './list-query.js';

/** Rolling metrics for a window, a dimension and optional values of it. */
export const metricRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const windows = deps.policies.metrics.windows;
    api.get(
      '/metrics',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Every metric of contract/metrics.md for one window and dimension',
          tags: ['metrics'],
          querystring: z.object({
            window: z
              .enum(windows.map((w) => w.name) as [string, ...string[]])
              .default(windows[0]!.name),
            dimension: z.enum(DIMENSIONS).default('all'),
            values: commaList.describe('only these values of the dimension, comma-separated'),
          }),
        },
      },
      async (request) => {
        const { window, dimension } = request.query;
        let values = request.query.values;
        const teams = visibleTeams(request);
        // Buckets are kept per dimension, not per team within another dimension: a
        // team-limited token can read the team dimension only, for its own teams.
        if (teams !== null) {
          if (dimension !== 'team')
            throw new HttpError(403, 'this token is limited to teams: use dimension=team');
          if (values?.some((v) => !teams.includes(v)))
            throw new HttpError(403, 'this token is limited to other teams');
          values ??= [...teams];
        }
        const windowMs = windows.find((w) => w.name === window)!.ms;
        return deps.metrics.query(
          { windowMs, dimension, ...(values ? { values } : {}) },
          deps.now(),
        );
      },
    );
    done();
  };
