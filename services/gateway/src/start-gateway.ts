import type { PolicyDocument } from '@slawatch/core';
import {
  DeltaSubscriber,
  ExporterLease,
  type Keys,
  type StoreAdapters,
  type RedisClient,
} from '@slawatch/store';
import type { Logger, ReadinessCheck, Registry } from '@slawatch/telemetry';
import type { Scope } from './auth/principal.js';
import { TokenStore, type ConfiguredToken } from './auth/token-store.js';
import type { HistorySource } from './jobs/history-source.js';
import { JobStore } from './jobs/job-store.js';
import { buildGateway } from './gateway.js';
import { KafkaEventSink, type KafkaProducerSource } from './ingest/event-sink.js';
import { HELPDESK_ADAPTERS } from './ingest/helpdesk-adapters.js';

/**
 * The settings the gateway reads, as @slawatch/config validates them (its ServiceConfig
 * has every one of them): listed here rather than imported, so that the gateway does not
 * depend on the configuration package for a type.
 */
export interface GatewayConfig {
  readonly SLAWATCH_HTTP_HOST: string;
  readonly SLAWATCH_HTTP_PORT: number;
  readonly SLAWATCH_ADMIN_TOKEN: string;
  readonly SLAWATCH_TOKENS: readonly {
    readonly name: string;
    readonly token: string;
    readonly scopes: readonly Scope[];
    readonly teams?: readonly string[] | undefined;
  }[];
  readonly SLAWATCH_CORS_ORIGINS: readonly string[];
  readonly SLAWATCH_RATE_LIMIT: number;
  readonly SLAWATCH_TRUST_PROXY: boolean;
  readonly SLAWATCH_SIMULATE_MAX_BYTES: number;
  readonly SLAWATCH_SIMULATE_MAX_EVENTS: number;
  readonly SLAWATCH_SIMULATE_MAX_TICKETS: number;
  readonly SLAWATCH_SIMULATE_TIMEOUT: number;
  readonly SLAWATCH_SIMULATE_CONCURRENCY: number;
  readonly SLAWATCH_LIST_SCAN_LIMIT: number;
  readonly SLAWATCH_JOB_MAX_EVENTS: number;
  readonly SLAWATCH_JOB_TIMEOUT: number;
  readonly SLAWATCH_JOB_CONCURRENCY: number;
  readonly SLAWATCH_LIVE_CONNECTIONS_PER_TOKEN: number;
  readonly SLAWATCH_LIVE_VIEWS_PER_TOKEN: number;
  readonly SLAWATCH_LIVE_MESSAGES_PER_SECOND: number;
  readonly SLAWATCH_LIVE_MESSAGE_BURST: number;
  readonly SLAWATCH_LIVE_READS_IN_FLIGHT: number;
  readonly SLAWATCH_LIVE_READS_PER_CLIENT: number;
  readonly SLAWATCH_TOPIC: string;
  readonly SLAWATCH_MAX_EVENT_BYTES: number;
  readonly SLAWATCH_MAX_EVENT_FUTURE: number;
  readonly SLAWATCH_INGEST_MAX_BYTES: number;
  readonly SLAWATCH_INGEST_MAX_EVENTS: number;
  readonly SLAWATCH_INGEST_TIMEOUT: number;
  readonly SLAWATCH_INGEST_CONCURRENCY: number;
}

/** The part of a Kafka client the gateway uses: an admin connection for `/readyz`. */
export interface KafkaAdminSource {
  admin(): {
    connect(): Promise<void>;
    describeCluster(): Promise<unknown>;
    disconnect(): Promise<void>;
  };
}

/** What the process shares with the gateway: built once, whatever else runs beside it. */
export interface GatewayContext {
  /** The process's logger: the gateway logs requests through a `service: gateway` child. */
  readonly log: Logger;
  readonly redis: RedisClient;
  readonly keys: Keys;
  /** For `/readyz` (admin) and `POST /api/v1/events` (a producer). */
  readonly kafka: KafkaAdminSource & KafkaProducerSource;
  readonly adapters: Pick<
    StoreAdapters,
    'store' | 'metrics' | 'lists' | 'deliveries' | 'policies' | 'timers'
  >;
  readonly policyDocument: PolicyDocument;
  /** The process's registry: `/metrics` serves every series of the process. */
  readonly registry: Registry;
  /**
   * The process's readiness list, the list itself rather than a copy: checks of services
   * started later still count (under `run all` a stopped tracker fails the gateway's probe).
   * The gateway adds its own, named `kafka`.
   */
  readonly readiness: ReadinessCheck[];
  /** The events topic's history for background jobs; absent, no `/backtest` or `/reports`. */
  readonly history?: HistorySource;
}

/** The configured tokens: SLAWATCH_TOKENS, then SLAWATCH_ADMIN_TOKEN when set. */
function configuredTokens(config: GatewayConfig): ConfiguredToken[] {
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
  return tokens;
}

/**
 * Builds the gateway of a validated configuration and listens on SLAWATCH_HTTP_HOST and
 * SLAWATCH_HTTP_PORT. Stopping closes the server (and its websockets), then the events'
 * producer and the Kafka admin connection of the readiness check.
 */
export async function startGateway(
  config: GatewayConfig,
  shared: GatewayContext,
): Promise<{ stop(): Promise<void> }> {
  const { log, redis, keys } = shared;
  const admin = shared.kafka.admin();
  shared.readiness.push({
    name: 'kafka',
    check: async () => {
      await admin.connect();
      await admin.describeCluster();
    },
  });
  const events = new KafkaEventSink(shared.kafka, config.SLAWATCH_TOPIC);
  const app = await buildGateway({
    deps: {
      store: shared.adapters.store,
      metrics: shared.adapters.metrics,
      lists: shared.adapters.lists,
      deltas: new DeltaSubscriber(redis, keys, (err) =>
        log.warn({ err, service: 'gateway' }, 'live deltas: subscriber connection'),
      ),
      tokens: new TokenStore(redis, keys.tokens, configuredTokens(config)),
      policies: shared.adapters.policies,
      policyDocument: shared.policyDocument,
      readiness: shared.readiness,
      exporterLease: new ExporterLease(redis, keys.exporterLease),
      deliveries: shared.adapters.deliveries,
      events,
      timers: shared.adapters.timers,
      ...(shared.history
        ? {
            jobs: {
              store: new JobStore(redis, (id) => keys.job(id)),
              history: shared.history,
              topic: config.SLAWATCH_TOPIC,
            },
          }
        : {}),
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
    forecastScanLimit: config.SLAWATCH_LIST_SCAN_LIMIT,
    jobs: {
      maxEvents: config.SLAWATCH_JOB_MAX_EVENTS,
      timeoutMs: config.SLAWATCH_JOB_TIMEOUT,
      maxConcurrent: config.SLAWATCH_JOB_CONCURRENCY,
    },
    ingest: {
      maxBytes: config.SLAWATCH_INGEST_MAX_BYTES,
      maxEvents: config.SLAWATCH_INGEST_MAX_EVENTS,
      timeoutMs: config.SLAWATCH_INGEST_TIMEOUT,
      maxInFlight: config.SLAWATCH_INGEST_CONCURRENCY,
      maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
      maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
    },
    // The helpdesks' signing secrets are named by their adapters, like receivers' secrets.
    helpdesks: {
      adapters: HELPDESK_ADAPTERS,
      secrets: Object.fromEntries(
        HELPDESK_ADAPTERS.map((a) => [
          a.name,
          a.secretVariable === null ? undefined : process.env[a.secretVariable],
        ]),
      ),
    },
    logger: log.child({ service: 'gateway' }),
    metricsRegistry: shared.registry,
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
    stop: async () => {
      await app.close();
      await events.close();
      await admin.disconnect();
    },
  };
}
