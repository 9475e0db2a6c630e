import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from '@slawatch/telemetry';
import type { GatewayDeps } from '../gateway-deps.js';
import type { LiveLimitCounts } from '../live/live-hub.js';
import { SlaExposition } from './sla-exposition.js';

/** What the websocket stream reports about itself (live/, when registered). */
export interface LiveStats {
  readonly clients: number;
  readonly views: number;
  readonly updatesSent: number;
  readonly clientsDropped: number;
  /** Refusals by the live stream's limits, by limit. */
  readonly limited: LiveLimitCounts;
  /** View reads dropped before running: their view was replaced or unsubscribed. */
  readonly readsDropped: number;
}

/**
 * `GET /metrics`: this process's health (Node's event loop, memory and CPU; HTTP requests;
 * websocket clients) and, from the gateway holding the exporter lease, the SLA series.
 * Open to scrapers without a token, like the health routes. A registry per app, so that
 * several gateways can live in one test process; or the process's own (`shared`), which
 * already holds the process metrics and the series of the services running beside the
 * gateway (`run all`), so that one scrape has them all, each family once.
 */
export function prometheusRoute(
  app: FastifyInstance,
  deps: GatewayDeps,
  live: () => LiveStats | null,
  shared?: Registry,
): Registry {
  const registry = shared ?? new Registry();
  if (!shared) collectProcessMetrics(registry);
  const requests = new Counter({
    name: 'slawatch_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'slawatch_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template.',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route template, never the URL: ticket ids must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  // The live stream's figures, read at each scrape (zero before its plugin is registered).
  const idle: LiveStats = {
    clients: 0,
    views: 0,
    updatesSent: 0,
    clientsDropped: 0,
    limited: { messages: 0, floods: 0, connections: 0, views: 0 },
    readsDropped: 0,
  };
  type LiveFigure = Exclude<keyof LiveStats, 'limited'>;
  const fromLive = (kind: 'gauge' | 'counter', name: string, help: string, key: LiveFigure) =>
    kind === 'gauge'
      ? new Gauge({
          name,
          help,
          registers: [registry],
          collect() {
            this.set((live() ?? idle)[key]);
          },
        })
      : new Counter({
          name,
          help,
          registers: [registry],
          collect() {
            this.reset();
            this.inc((live() ?? idle)[key]);
          },
        });
  fromLive(
    'gauge',
    'slawatch_websocket_clients',
    'Websocket clients connected to this gateway.',
    'clients',
  );
  fromLive(
    'gauge',
    'slawatch_websocket_views',
    'Distinct live views this gateway keeps up to date.',
    'views',
  );
  fromLive(
    'counter',
    'slawatch_websocket_updates_sent_total',
    'Snapshots and updates sent to websocket clients.',
    'updatesSent',
  );
  fromLive(
    'counter',
    'slawatch_websocket_clients_dropped_total',
    'Websocket clients dropped: too slow to read, or no answer to pings.',
    'clientsDropped',
  );
  fromLive(
    'counter',
    'slawatch_websocket_reads_dropped_total',
    'Live view reads dropped before running: their view was replaced or unsubscribed.',
    'readsDropped',
  );
  // Abuse must show on dashboards, not only in the client's error messages.
  new Counter({
    name: 'slawatch_websocket_limited_total',
    help: 'Websocket messages, connections and subscriptions refused by the live stream limits, by limit.',
    labelNames: ['limit'],
    registers: [registry],
    collect() {
      this.reset();
      const counts: LiveLimitCounts = (live() ?? idle).limited;
      for (const [limit, count] of Object.entries(counts) as [string, number][])
        this.inc({ limit }, count);
    },
  });

  const lease = deps.exporterLease;
  let exporting = false;
  new Gauge({
    name: 'slawatch_sla_exporter',
    help: '1 on the one gateway that exports the shared SLA series now, 0 on the others.',
    registers: [registry],
    collect() {
      this.set(exporting ? 1 : 0);
    },
  });
  const renew = async () => {
    try {
      exporting = await lease.renew();
    } catch (error) {
      exporting = false;
      app.log.warn({ err: error }, 'could not renew the exporter lease');
    }
    return exporting;
  };
  // Renewed well within its time to live, and before each scrape so a new gateway answers at once.
  const timer = setInterval(() => void renew(), lease.ttlMs / 3);
  timer.unref();
  app.addHook('onReady', async () => void (await renew()));
  app.addHook('onClose', async () => {
    clearInterval(timer);
    if (exporting) await lease.release().catch(() => undefined);
  });
  const exposition = new SlaExposition();

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    await renew();
    void reply.header('content-type', registry.contentType);
    const own = await registry.metrics();
    return exporting ? own + exposition.format(await deps.metrics.series.fields()) : own;
  });
  return registry;
}
