import { Cluster, Redis, type RedisOptions } from 'ioredis';

/**
 * A connection to one Redis or to a Redis Cluster: every store adapter takes either
 * (docs/scaling.md). Multi-key work stays within one hash slot (keys.ts), so the same
 * commands and scripts run on both.
 */
export type RedisClient = Redis | Cluster;

/** What a duplicate may set differently from the connection it copies. */
export type DuplicateOptions = Pick<RedisOptions, 'maxRetriesPerRequest' | 'enableAutoPipelining'>;

/**
 * A new connection to the same Redis or cluster (BullMQ's, a subscriber's). A cluster
 * keeps its per-node options under `redisOptions`, and its own `duplicate` replaces them
 * whole, so they are merged here.
 */
export function duplicateClient(redis: RedisClient, options: DuplicateOptions): RedisClient {
  if (!(redis instanceof Cluster)) return redis.duplicate(options);
  const { enableAutoPipelining, ...perNode } = options;
  return redis.duplicate(undefined, {
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    redisOptions: { ...redis.options.redisOptions, ...perNode },
  });
}

/** Where the services' Redis is (SLAWATCH_REDIS_URL, or SLAWATCH_REDIS_CLUSTER's seeds). */
export interface RedisTarget {
  readonly url: string;
  /** Seed nodes `host:port` of a Redis Cluster; when any are given, they win over `url`. */
  readonly cluster: readonly string[];
  /** The cluster's password (a URL carries its own). */
  readonly clusterPassword?: string;
  /** Connect to the cluster's nodes over TLS (`rediss://` does so for a URL). */
  readonly clusterTls?: boolean;
}

/** How often a cluster client re-reads which node serves which slots (`CLUSTER SLOTS`). */
const SLOTS_REFRESH_MS = 1_000;

/**
 * The services' client: one Redis, or a Redis Cluster when seeds are given. Either way
 * commands wait out a reconnection or a failover instead of failing after a few retries
 * (`maxRetriesPerRequest: null`), commands issued together go out as one pipeline per
 * node (auto-pipelining), and nothing connects before `connect()`.
 */
export function createRedisClient(target: RedisTarget): RedisClient {
  if (target.cluster.length === 0)
    return new Redis(target.url, {
      maxRetriesPerRequest: null,
      enableAutoPipelining: true,
      lazyConnect: true,
    });
  const nodes = target.cluster.map((seed) => {
    const colon = seed.lastIndexOf(':');
    return { host: seed.slice(0, colon), port: Number(seed.slice(colon + 1)) };
  });
  return new Cluster(nodes, {
    enableAutoPipelining: true,
    // Auto-pipelined commands answered MOVED fail without refreshing the slot map
    // (ioredis#2075): after a failover every command for the failed master's slots would
    // keep going to the old node, for good. Re-reading the slots every second bounds that
    // to about a second (a failed batch, retried).
    slotsRefreshInterval: SLOTS_REFRESH_MS,
    lazyConnect: true,
    // Over TLS the nodes are reached by the names the cluster gives, not resolved to
    // addresses first: the certificates of managed clusters (ElastiCache) name hosts.
    ...(target.clusterTls ? { dnsLookup: (address, lookup) => lookup(null, address) } : {}),
    redisOptions: {
      maxRetriesPerRequest: null,
      ...(target.clusterPassword ? { password: target.clusterPassword } : {}),
      ...(target.clusterTls ? { tls: {} } : {}),
    },
  });
}
