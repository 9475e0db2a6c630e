import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { GatewayDeps } from '../gateway-deps.js';
import { LiveHub } from './live-hub.js';
import { DEFAULT_LIVE_OPTIONS, type LiveOptions } from './live-options.js';

/**
 * Adds websockets and the live hub to the app (`app.live`): the hub hears deltas from
 * when the app is ready, and `app.close()` closes every live socket with 1001.
 */
export async function registerLiveStream(
  app: FastifyInstance,
  deps: GatewayDeps,
  options: Partial<LiveOptions> = {},
): Promise<LiveHub> {
  const hub = new LiveHub(deps, { ...DEFAULT_LIVE_OPTIONS, ...options }, app.log);
  app.decorate('live', hub);
  app.addHook('onReady', () => hub.start());
  // Added before @fastify/websocket's own, which closes sockets without a code, and
  // awaited by app.close() before the HTTP server waits for its connections to end.
  app.addHook('preClose', () => hub.close());
  await app.register(websocket, { options: { maxPayload: hub.options.maxPayloadBytes } });
  return hub;
}
