import { longestWindowMs, NONE } from '@slawatch/core';
import type { Session } from '@slawatch/wire';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { GatewayDeps } from '../gateway-deps.js';

/**
 * Who the caller is and what a wallboard may offer it: its scopes and teams, the metric
 * windows, and the teams and queues seen over the longest window (only its own teams, and
 * no queues, for a token limited to teams, which may read metrics by team only).
 */
export const sessionRoutes =
  (deps: GatewayDeps): FastifyPluginCallbackZod =>
  (api, _options, done) => {
    const settings = deps.policies.metrics;
    const seen = async (dimension: 'team' | 'queue') =>
      (await deps.metrics.valuesSeen(longestWindowMs(settings), dimension, deps.now())).filter(
        (value) => value !== NONE,
      );
    api.get(
      '/session',
      {
        config: { scope: 'read' },
        schema: {
          summary: "The caller's token (name, scopes, teams) and the choices a wallboard offers",
          tags: ['session'],
        },
      },
      async (request): Promise<Session> => {
        const { name, scopes, teams } = request.principal!;
        return {
          name,
          scopes,
          teams,
          windows: settings.windows.map((w) => w.name),
          choices: teams
            ? { team: [...teams].sort(), queue: [] }
            : await Promise.all([seen('team'), seen('queue')]).then(([team, queue]) => ({
                team,
                queue,
              })),
        };
      },
    );
    done();
  };
