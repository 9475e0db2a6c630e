import { deliveryPolicy, startAlerter, startNotifier } from '@slawatch/alerter';
import { startGateway } from '@slawatch/gateway';
import { loadPolicyFile, redisTarget, type ServiceConfig } from '@slawatch/config';
import { createKafka } from '@slawatch/kafka';
import {
  redisAdvice,
  resolveMetricLanes,
  createKeys,
  createRedisClient,
  createStoreAdapters,
} from '@slawatch/store';
import {
  createLogger,
  createProcessRegistry,
  type OpsServer,
  type ReadinessCheck,
} from '@slawatch/telemetry';
import { startTracker } from '@slawatch/tracker';
import { version } from '../version.js';
import { startOps } from './start-ops.js';
import { topicHistorySource } from './topic-history-source.js';

/** In the order they start (and stop in reverse: the gateway first, the tracker last). */
export const SERVICES = ['tracker', 'alerter', 'notifier', 'gateway'] as const;
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
 * Builds what the services share from a validated configuration (one logger, Redis
 * or Redis Cluster client, Kafka client, set of store adapters, Prometheus registry and readiness list)
 * and starts the named services in this process through their own start functions
 * (`run all` starts every one: the small-install default). The gateway's `/metrics`
 * serves the registry when the gateway runs here, the ops endpoint
 * (`SLAWATCH_OPS_PORT`, with `/healthz` and `/readyz`) otherwise.
 */
export async function startServices(
  names: readonly ServiceName[],
  config: ServiceConfig,
  startOptions: StartOptions = {},
): Promise<RunningServices> {
  const log = createLogger('slawatch', config.SLAWATCH_LOG_LEVEL);
  const { policySet, document } = await loadPolicyFile(config.SLAWATCH_POLICIES);
  // One Redis, or a cluster client when SLAWATCH_REDIS_CLUSTER names seed nodes.
  const redis = createRedisClient(redisTarget(config));
  await redis.connect();
  // Said once at the start: the server's settings are the operator's to change.
  for (const line of await redisAdvice(redis)) log.warn(line);
  const prefix = config.SLAWATCH_KEY_PREFIX;
  const lanes = await resolveMetricLanes(redis, prefix, config.SLAWATCH_METRIC_LANES);
  if ('problem' in lanes) {
    redis.disconnect();
    throw new Error(lanes.problem);
  }
  const keys = createKeys(prefix, lanes.lanes);
  // The adapters `slawatch rebuild` folds through too. Notifications are queued only with
  // receivers configured: otherwise alerts go to `sla.alerts` alone.
  const update = createStoreAdapters(redis, keys, policySet, {
    retentionMs: config.SLAWATCH_RETENTION,
    minReplicas: config.SLAWATCH_REDIS_MIN_REPLICAS,
    replicaTimeoutMs: config.SLAWATCH_REDIS_REPLICA_TIMEOUT,
    delivery: deliveryPolicy(config),
    listScanLimit: config.SLAWATCH_LIST_SCAN_LIMIT,
  });
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
  const start = (name: ServiceName) => {
    const shared = { log: log.child({ service: name }), kafka, update, registry, readiness };
    if (name === 'tracker') return startTracker(config, { ...shared, onFatal: onFatal(name) });
    // A notifier in this process delivers: the alerter beside it does not as well.
    if (name === 'alerter')
      return startAlerter(
        config,
        { ...shared, redis, keys, onFatal: onFatal(name) },
        config.SLAWATCH_ALERTER_DELIVERS && !names.includes('notifier'),
      );
    if (name === 'notifier')
      return startNotifier(config, { ...shared, redis, keys, onFatal: onFatal(name) });
    return startGateway(config, {
      log,
      redis,
      keys,
      kafka,
      adapters: update,
      policyDocument: document,
      registry,
      readiness,
      history: topicHistorySource(kafka, config),
    });
  };
  let ops: OpsServer | null = null;
  try {
    // Up before the services, so that probes see them start (ready once they are).
    if (!names.includes('gateway') && config.SLAWATCH_OPS_PORT !== 0)
      ops = await startOps(config, { registry, readiness, log });
    for (const name of names) started.push({ name, ...(await start(name)) });
  } catch (error) {
    await ops?.close();
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await update.close();
    redis.disconnect();
    throw error;
  }
  return {
    async stop() {
      await ops?.close();
      // Trackers first: they finish and commit the batch in hand, then the timers stop.
      for (const s of [...started].reverse()) await s.stop();
      await update.close();
      await redis.quit();
    },
  };
}
