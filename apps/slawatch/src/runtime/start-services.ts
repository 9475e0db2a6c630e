import { Redis } from 'ioredis';
import { createAlerter, createNotifier } from '@slawatch/alerter';
import { buildGateway, TokenStore, type ConfiguredToken } from '@slawatch/gateway';
import { loadPolicyFile, type ServiceConfig } from '@slawatch/config';
import { createKafka } from '@slawatch/kafka';
import {
  createKeys,
  DEFAULT_DELIVERY,
  DeltaSubscriber,
  ExporterLease,
  NotificationLog,
  LiveLists,
} from '@slawatch/store';
import {
  createLogger,
  createProcessRegistry,
  startOpsServer,
  type OpsServer,
  type ReadinessCheck,
} from '@slawatch/telemetry';
import { createTracker } from '@slawatch/tracker';
import { version } from '../version.js';
import { storeAdapters } from './update-deps.js';

export const SERVICES = ['tracker', 'alerter', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface RunningServices {
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * A service gave up (its Kafka consumer or BullMQ worker could not be restarted): the
   * caller should stop and exit non-zero, so that the process supervisor restarts it.
   */
  readonly onFatal?: (error: Error) => void;
}

/**
 * Builds the adapters from a validated configuration and starts the named services in
 * this process (`run all` starts every one: the small-install default). The process has
 * one Prometheus registry: the gateway's `/metrics` serves it when the gateway runs here,
 * the ops endpoint (`SLAWATCH_OPS_PORT`, with `/healthz` and `/readyz`) otherwise.
 */
export async function startServices(
  names: readonly ServiceName[],
  config: ServiceConfig,
  startOptions: StartOptions = {},
): Promise<RunningServices> {
  const log = createLogger('slawatch', config.SLAWATCH_LOG_LEVEL);
  const { policySet, document } = await loadPolicyFile(config.SLAWATCH_POLICIES);
  const redis = new Redis(config.SLAWATCH_REDIS_URL, {
    maxRetriesPerRequest: null,
    enableAutoPipelining: true,
    lazyConnect: true,
  });
  await redis.connect();
  const keys = createKeys(config.SLAWATCH_KEY_PREFIX);
  // One retry policy for the jobs the tracker queues and the notifier that delivers them.
  const delivery = {
    ...DEFAULT_DELIVERY,
    attempts: config.SLAWATCH_DELIVERY_ATTEMPTS,
    maxDelayMs: config.SLAWATCH_DELIVERY_MAX_DELAY,
  };
  // The adapters `slawatch rebuild` folds through too. Notifications are queued only with
  // receivers configured: otherwise alerts go to `sla.alerts` alone.
  const update = storeAdapters(redis, keys, policySet, config.SLAWATCH_RETENTION, true, delivery);
  const { timers, store, metrics, notifications } = update;
  const kafka = createKafka(config.SLAWATCH_KAFKA_BROKERS, 'slawatch', log);
  const started: { name: string; stop(): Promise<void> }[] = [];
  const registry = createProcessRegistry({ version, services: names });
  // One list for the process: the gateway's /readyz, or the ops endpoint's, reports every
  // service running here (under `run all` a stopped tracker must fail the gateway's probe).
  const readiness: ReadinessCheck[] = [
    { name: 'redis', check: async () => void (await redis.ping()) },
  ];
  const onFatal = (service: string) => (error: Error) => {
    log.fatal({ err: error, service }, 'a service gave up; the process should be restarted');
    startOptions.onFatal?.(error);
  };
  let ops: OpsServer | null = null;

  async function startGateway() {
    const tokens: ConfiguredToken[] = config.SLAWATCH_TOKENS.map((t) => ({
      name: t.name,
      secret: t.token,
      scopes: t.scopes,
      teams: t.teams ?? null,
    }));
    if (config.SLAWATCH_ADMIN_TOKEN !== '')
      tokens.push({
        name: 'admin (SLAWATCH_ADMIN_TOKEN)',
        secret: config.SLAWATCH_ADMIN_TOKEN,
        scopes: ['admin'],
      });
    const admin = kafka.admin();
    readiness.push({
      name: 'kafka',
      check: async () => {
        await admin.connect();
        await admin.describeCluster();
      },
    });
    const app = await buildGateway({
      deps: {
        store,
        metrics,
        lists: new LiveLists(redis, keys, metrics, config.SLAWATCH_LIST_SCAN_LIMIT),
        deltas: new DeltaSubscriber(redis, keys, (err) =>
          log.warn({ err, service: 'gateway' }, 'live deltas: subscriber connection'),
        ),
        tokens: new TokenStore(redis, keys.tokens, tokens),
        policies: policySet,
        policyDocument: document,
        // The list itself, not a copy: checks of services started later still count.
        readiness,
        exporterLease: new ExporterLease(redis, keys.exporterLease),
        deliveries: new NotificationLog(redis, keys),
        now: Date.now,
      },
      corsOrigins: config.SLAWATCH_CORS_ORIGINS,
      rateLimitPerMinute: config.SLAWATCH_RATE_LIMIT,
      trustProxy: config.SLAWATCH_TRUST_PROXY,
      simulate: {
        maxBytes: config.SLAWATCH_SIMULATE_MAX_BYTES,
        maxEvents: config.SLAWATCH_SIMULATE_MAX_EVENTS,
        maxTickets: config.SLAWATCH_SIMULATE_MAX_TICKETS,
        timeoutMs: config.SLAWATCH_SIMULATE_TIMEOUT,
        maxConcurrent: config.SLAWATCH_SIMULATE_CONCURRENCY,
      },
      logger: log.child({ service: 'gateway' }),
      metricsRegistry: registry,
      live: {
        maxConnectionsPerToken: config.SLAWATCH_LIVE_CONNECTIONS_PER_TOKEN,
        maxViewsPerToken: config.SLAWATCH_LIVE_VIEWS_PER_TOKEN,
        messagesPerSecond: config.SLAWATCH_LIVE_MESSAGES_PER_SECOND,
        messageBurst: config.SLAWATCH_LIVE_MESSAGE_BURST,
        maxReadsInFlight: config.SLAWATCH_LIVE_READS_IN_FLIGHT,
        maxReadsPerClient: config.SLAWATCH_LIVE_READS_PER_CLIENT,
      },
    });
    const address = await app.listen({
      host: config.SLAWATCH_HTTP_HOST,
      port: config.SLAWATCH_HTTP_PORT,
    });
    log.info({ address }, 'gateway listening');
    return {
      start: () => Promise.resolve(),
      stop: async () => {
        await app.close();
        await admin.disconnect();
      },
    };
  }
  async function startOps(host: string, port: number): Promise<OpsServer | null> {
    const opsLog = log.child({ part: 'ops' });
    try {
      const server = await startOpsServer({ host, port, registry, readiness, log: opsLog });
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
  try {
    // Up before the services, so that probes see them start (ready once they are).
    if (!names.includes('gateway') && config.SLAWATCH_OPS_PORT !== 0)
      ops = await startOps(config.SLAWATCH_HTTP_HOST, config.SLAWATCH_OPS_PORT);
    for (const name of names) {
      const child = log.child({ service: name });
      let service: { start(): Promise<void>; stop(): Promise<void> };
      if (name === 'gateway') service = await startGateway();
      else if (name === 'tracker') {
        const tracker = createTracker({
          kafka,
          topic: config.SLAWATCH_TOPIC,
          dlqTopic: config.SLAWATCH_DLQ_TOPIC,
          alertsTopic: config.SLAWATCH_ALERTS_TOPIC,
          groupId: config.SLAWATCH_GROUP_ID,
          maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
          maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
          update,
          log: child,
          consumerConfig: {
            sessionTimeout: config.SLAWATCH_KAFKA_SESSION_TIMEOUT,
            heartbeatInterval: Math.floor(config.SLAWATCH_KAFKA_SESSION_TIMEOUT / 10),
          },
          registry,
          stallTimeoutMs: config.SLAWATCH_TRACKER_STALL_TIMEOUT,
          maxRestarts: config.SLAWATCH_RESTART_ATTEMPTS,
          onFatal: onFatal('tracker'),
        });
        readiness.push({ name: 'tracker', check: () => tracker.checkConsuming() });
        service = tracker;
      } else {
        const alerter = createAlerter({
          kafka,
          alertsTopic: config.SLAWATCH_ALERTS_TOPIC,
          redis,
          queuePrefix: keys.queuePrefix,
          batchSize: config.SLAWATCH_ALERTER_BATCH,
          update,
          log: child,
          registry,
          dueKey: keys.due,
          maxRestarts: config.SLAWATCH_RESTART_ATTEMPTS,
          onFatal: onFatal('alerter'),
        });
        readiness.push({ name: 'worker', check: () => alerter.checkRunning() });
        service = alerter;
      }
      await service.start();
      started.push({ name, stop: () => service.stop() });
      if (name === 'alerter' && notifications) {
        // The alerter also delivers the notifications (architecture: BullMQ workers).
        const notifier = createNotifier({
          redis,
          keys,
          settings: policySet.alerting,
          delivery,
          env: process.env,
          log: child.child({ part: 'notifier' }),
          registry,
        });
        await notifier.start();
        started.push({ name: 'notifier', stop: () => notifier.stop() });
      }
    }
  } catch (error) {
    await ops?.close();
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await timers.close();
    await notifications?.close();
    redis.disconnect();
    throw error;
  }
  return {
    async stop() {
      await ops?.close();
      // Trackers first: they finish and commit the batch in hand, then the timers stop.
      for (const s of [...started].reverse()) await s.stop();
      await timers.close();
      await notifications?.close();
      await redis.quit();
    },
  };
}
