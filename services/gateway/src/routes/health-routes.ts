import type { FastifyInstance } from 'fastify';
import { checkReadiness } from '@slawatch/telemetry';
import type { GatewayDeps } from '../gateway-deps.js';

/** `/healthz`: the process is up. `/readyz`: every check of the process passes (docs/api.md). No token. */
export function healthRoutes(app: FastifyInstance, deps: GatewayDeps): void {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const { ready, body } = await checkReadiness(deps.readiness);
    return reply.status(ready ? 200 : 503).send(body);
  });
}
