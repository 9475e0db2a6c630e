import type { ServiceConfig } from '@slawatch/config';
import { startOpsServer, type OpsServer, type OpsServerOptions } from '@slawatch/telemetry';

/**
 * The ops endpoint (`/healthz`, `/readyz`, `/metrics`) of a process without the gateway,
 * on SLAWATCH_HTTP_HOST and SLAWATCH_OPS_PORT; null when another process has the port.
 */
export async function startOps(
  config: ServiceConfig,
  shared: Pick<OpsServerOptions, 'registry' | 'readiness' | 'log'>,
): Promise<OpsServer | null> {
  const { log } = shared;
  const port = config.SLAWATCH_OPS_PORT;
  try {
    const server = await startOpsServer({
      host: config.SLAWATCH_HTTP_HOST,
      port,
      registry: shared.registry,
      readiness: shared.readiness,
      log: log.child({ part: 'ops' }),
    });
    log.info({ address: server.address }, 'ops endpoint listening');
    return server;
  } catch (error) {
    // Several processes side by side on one host all default to the same port: the
    // first serves it, the others run on without (a Kubernetes pod has its own).
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    log.warn(
      { port },
      'ops endpoint: port in use, so no /healthz, /readyz or /metrics here; give each process its own SLAWATCH_OPS_PORT (or 0)',
    );
    return null;
  }
}
