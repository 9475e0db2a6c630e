import type { FastifyPluginCallback } from 'fastify';
import type { LiveHub } from './live-hub.js';

/**
 * `GET /live`, upgraded to a websocket once the `/api` hook has accepted its token (from
 * the Authorization header, or `access_token` for browsers); refused 401 or 403 before.
 */
export const liveRoutes =
  (hub: LiveHub): FastifyPluginCallback =>
  (api, _options, done) => {
    api.get(
      '/live',
      { websocket: true, config: { scope: 'read', tokenInQuery: true } },
      (socket, request) => hub.accept(socket, request.principal!),
    );
    done();
  };
