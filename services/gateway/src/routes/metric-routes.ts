import * as z from 'zod';
import type { FastifyRequest } from 'fastify';
import { DIMENSIONS, type Dimension } from '@slawatch/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { visibleTeams } from '../auth/authenticate.js';
import { limitMetricValues } from '../auth/team-limits.js';
import { apiError } from '../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { commaList } from './list-query.js';

/** Rolling metrics for a window, a dimension and optional values of it. */
export const metricRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const windows = deps.policies.metrics.windows;
    const querystring = z.object({
      window: z.enum(windows.map((w) => w.name) as [string, ...string[]]).default(windows[0]!.name),
      dimension: z.enum(DIMENSIONS).default('all'),
      values: commaList.describe('only these values of the dimension, comma-separated'),
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

    api.get(
      '/metrics',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Every metric of docs/metrics.md for one window and dimension',
          tags: ['metrics'],
          querystring,
        },
      },
      (request) => deps.metrics.query(metricOptions(request, request.query), deps.now()),
    );

    api.get(
      '/metrics/trend',
      {
        config: { scope: 'read' },
        schema: {
          summary:
            'The window cut into up to 24 slices (stepMinutes), oldest first, with the windowed figures of each slice',
          tags: ['metrics'],
          querystring,
        },
      },
      (request) => deps.metrics.trend(metricOptions(request, request.query), deps.now()),
    );
    done();
  };
