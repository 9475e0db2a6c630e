import * as z from 'zod';
import { DIMENSIONS } from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { limitMetricValues } from '../auth/team-limits.js';
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
        const limited = limitMetricValues(visibleTeams(request), dimension, request.query.values);
        if (!limited.ok) throw new HttpError(403, limited.message);
        const { values } = limited;
        const windowMs = windows.find((w) => w.name === window)!.ms;
        return deps.metrics.query(
          { windowMs, dimension, ...(values ? { values } : {}) },
          deps.now(),
        );
      },
    );
    done();
  };
