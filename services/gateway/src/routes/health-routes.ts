import type { FastifyInstance } from 'fastify';
import type { GatewayDeps } from '../gateway-deps.js';

const CHECK_TIMEOUT_MS = 2000;

/** `/healthz`: the process is up. `/readyz`: Kafka and Redis answer (api.md). No token. */
export function healthRoutes(app: FastifyInstance, deps: GatewayDeps): void {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const results = await Promise.all(
      deps.readiness.map(async (r) => {
        try {
          await Promise.race([
            r.check(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref(),
            ),
          ]);
          return [r.name, 'ok'] as const;
        } catch (error) {
          return [r.name, error instanceof Error ? error.message : 'unreachable'] as const;
        }
      }),
    );
    const ready = results.every(([, s]) => s === 'ok');
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not ready',
      checks: Object.fromEntries(results),
    });
  });
}
