import type { FastifyPluginCallback } from 'fastify';
import { apiError } from '../errors.js';
import type { LiveHub } from './live-hub.js';

/**
 * `GET /live`, upgraded to a websocket once the `/api` hook has accepted its token (from
 * the Authorization header, or `access_token` for browsers); refused 401 or 403 before.
 */
export const liveRoutes =
  (hub: LiveHub): FastifyPluginCallback =>
  (api, _options, done) => {
    api.route({
      method: 'GET',
      url: '/live',
      config: { scope: 'read', tokenInQuery: true },
      schema: {
        summary: 'The live stream for wallboards (websocket; docs/api.md, "The live stream")',
        tags: ['live'],
      },
      // A plain GET (no `Upgrade: websocket`) is told what the route wants.
      handler: () => {
        throw apiError('SLW_LIVE_UPGRADE_REQUIRED');
      },
      wsHandler: (socket, request) => hub.accept(socket, request.principal!),
    });
    done();
  };
