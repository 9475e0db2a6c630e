import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { authenticate } from './auth/authenticate.js';
import { ERROR_BODY_SCHEMA } from './error-catalog.js';
import { registerErrorHandling } from './errors.js';
import type { GatewayDeps } from './gateway-deps.js';
import { liveRoutes } from './live/live-routes.js';
import type { LiveOptions } from './live/live-options.js';
import { registerLiveStream } from './live/register-live-stream.js';
import { requestLogger } from './request-log.js';
import { prometheusRoute, type LiveStats } from './prometheus/prometheus-route.js';
import { DEFAULT_JOB_LIMITS, type JobLimits } from './jobs/job-limits.js';
import { JobRunner } from './jobs/job-runner.js';
import { DEFAULT_FORECAST_SCAN_LIMIT, ForecastBoard } from '@slawatch/store';
import { alertRoutes } from './routes/alert-routes.js';
import { followUpRoutes } from './routes/follow-up-routes.js';
import { forecastRoutes } from './routes/forecast-routes.js';
import { backtestRoutes } from './routes/backtest-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest/ingest-limits.js';
import { EventWriter } from './ingest/event-writer.js';
import { IngestMetrics } from './ingest/ingest-metrics.js';
import { HELPDESK_ADAPTERS } from './ingest/helpdesk-adapters.js';
import { webhookRoutes, type HelpdeskIngest } from './routes/webhook-routes.js';
import { metricRoutes } from './routes/metric-routes.js';
import { policyRoutes } from './routes/policy-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { ticketRoutes } from './routes/ticket-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { DEFAULT_SIMULATE_LIMITS, type SimulateLimits } from './simulate/simulate-limits.js';
import { DEFAULT_WALLBOARD_DIR, wallboardRoute } from './wallboard/wallboard-route.js';

export interface GatewayOptions {
  readonly deps: GatewayDeps;
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  readonly corsOrigins?: readonly string[];
  /** Requests per minute per client address. */
  readonly rateLimitPerMinute?: number;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  readonly trustProxy?: boolean;
  readonly logger?: FastifyServerOptions['loggerInstance'];
  readonly version?: string;
  /** Pacing and limits of the live stream (defaults in live/live-options.ts). */
  readonly live?: Partial<LiveOptions>;
  /** Bounds on `POST /api/v1/events` (defaults in ingest/ingest-limits.ts). */
  readonly ingest?: Partial<IngestLimits>;
  /** The helpdesks' webhooks taken, and their secrets (default: every adapter, unsigned). */
  readonly helpdesks?: HelpdeskIngest;
  /** Bounds on `POST /api/v1/simulate` (defaults in simulate/simulate-limits.ts). */
  readonly simulate?: Partial<SimulateLimits>;
  /** Most tickets the breach forecast reads each minute (SLAWATCH_LIST_SCAN_LIMIT). */
  readonly forecastScanLimit?: number;
  /** Bounds on background jobs (defaults in jobs/job-limits.ts). */
  readonly jobs?: Partial<JobLimits>;
  /** The wallboard's built files, served at `/` (default: services/wallboard/dist). */
  readonly wallboardDir?: string;
  /**
   * The process's Prometheus registry, with the process metrics already collected (and
   * the tracker's and alerter's series when they run in this process): `/metrics` serves
   * it. Default: a registry of the gateway's own.
   */
  readonly metricsRegistry?: Registry;
}

/** The websocket stream's figures, once its plugin has decorated the app. */
const liveStatsOf = (app: FastifyInstance): LiveStats | null =>
  app.hasDecorator('live') ? app.live : null;

/**
 * The gateway as a fastify app, not yet listening: `run gateway` listens on it, tests
 * drive it with `inject()`. Every `/api/v1` route needs a bearer token with the route's
 * scope; `/healthz`, `/readyz`, `/metrics`, `/openapi.json`, the `/docs` page and the
 * wallboard's static files (`/`) do not.
 */
export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { deps } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: requestLogger(options.logger) } : { logger: false }),
    // Ticket ids, filters: nothing legitimate is longer.
    routerOptions: { maxParamLength: 512 },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 16 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  registerErrorHandling(app);
  // Before every other route, so that its request metrics see them all.
  const registry = prometheusRoute(app, deps, () => liveStatsOf(app), options.metricsRegistry);
  // Policy documents may be posted as YAML.
  app.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  await app.register(helmet, {
    // The docs page loads its own scripts and styles.
    contentSecurityPolicy: false,
  });
  await app.register(cors, {
    origin: options.corsOrigins?.length ? [...options.corsOrigins] : false,
  });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 1200,
    timeWindow: 60_000,
    // Per address, not per presented token: made-up tokens must not buy fresh budgets.
    keyGenerator: (request) => request.ip,
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'slawatch API',
        version: options.version ?? '0.1.0',
        description:
          'Real-time SLA monitoring: ticket views, live lists, rolling metrics, simulate, ' +
          'events in over HTTP. ' +
          'Every /api/v1 route needs `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { Error: ERROR_BODY_SCHEMA },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  healthRoutes(app, deps);
  await wallboardRoute(app, options.wallboardDir ?? DEFAULT_WALLBOARD_DIR);
  const live = await registerLiveStream(app, deps, options.live);
  await app.register(
    async (api) => {
      // onRequest, before the body is read or the request validated, so an anonymous
      // caller costs no parsing and learns nothing; and a route hook placed after the rate
      // limit's own (both are added as routes are declared), so failed tokens count too.
      const auth = authenticate(deps.tokens);
      api.addHook('onRoute', (route) => {
        const before = route.onRequest ?? [];
        route.onRequest = [...(Array.isArray(before) ? before : [before]), auth];
      });
      await api.register(ticketRoutes(deps));
      await api.register(followUpRoutes(deps));
      await api.register(metricRoutes(deps));
      await api.register(policyRoutes(deps, { ...DEFAULT_SIMULATE_LIMITS, ...options.simulate }));
      await api.register(tokenRoutes(deps));
      await api.register(alertRoutes(deps));
      await api.register(sessionRoutes(deps));
      await api.register(liveRoutes(live));
      if (deps.timers) {
        const { store, metrics, timers, policies, now } = deps;
        const board = new ForecastBoard(
          { store, metrics, timers, policies, now },
          options.forecastScanLimit ?? DEFAULT_FORECAST_SCAN_LIMIT,
        );
        await api.register(forecastRoutes(board));
      }
      if (deps.jobs) {
        const { store, history, topic } = deps.jobs;
        const limits = { ...DEFAULT_JOB_LIMITS, ...options.jobs };
        const runner = new JobRunner(store, history, limits, topic, app.log, deps.now);
        // Running jobs end failed, saying why, rather than running for ever in Redis.
        app.addHook('onClose', () => runner.stop());
        await api.register(backtestRoutes(runner, store, deps.policies, deps.now));
        await api.register(reportRoutes(runner, store, deps.policies, deps.now));
      }
      if (deps.events) {
        const limits = { ...DEFAULT_INGEST_LIMITS, ...options.ingest };
        const writer = new EventWriter(deps.events, limits);
        const counts = new IngestMetrics(registry);
        await api.register(ingestRoutes(writer, counts, limits, deps.now));
        const helpdesks = options.helpdesks ?? { adapters: HELPDESK_ADAPTERS, secrets: {} };
        if (helpdesks.adapters.length > 0)
          await api.register(webhookRoutes(writer, counts, limits, deps.now, helpdesks));
      }
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}
