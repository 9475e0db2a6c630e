import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from './logger.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

export interface OpsServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests); `SLAWATCH_OPS_PORT=0` means no server, decided by the caller. */
  readonly port: number;
  readonly registry: Registry;
  readonly readiness: readonly ReadinessCheck[];
  readonly log: Logger;
}

export interface OpsServer {
  /** `host:port` it listens on. */
  readonly address: string;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/**
 * The small HTTP endpoint of a process without the gateway (`run tracker`, `run
 * alerter`), for Kubernetes probes and Prometheus: `GET /healthz` (200 while the process
 * is up), `GET /readyz` (200 when every check passes, else 503 with each check's result,
 * as the gateway's) and `GET /metrics` (the registry, Prometheus text format).
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { registry, log } = options;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { error: 'method not allowed' });
    }
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const { ready, body } = await checkReadiness(options.readiness);
      return json(res, ready ? 200 : 503, body);
    }
    if (path === '/metrics') {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      return res.end(text);
    }
    return json(res, 404, { error: 'not found' });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'ops endpoint: request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = `${bound.address}:${bound.port}`;
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        // Scrapers keep connections alive; they must not hold the shutdown.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
