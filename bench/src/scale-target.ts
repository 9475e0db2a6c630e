import { Redis } from 'ioredis';
import { startRedis, startRedisCluster } from '@slawatch/test';

/** A Redis node's address. */
export interface NodeAddress {
  readonly host: string;
  readonly port: number;
}

/** Where the trackers of a `bench:scale` run keep their state: one Redis, or a cluster. */
export interface ScaleTarget {
  readonly name: string;
  /** What `slawatch run tracker` is given to reach it. */
  readonly env: Readonly<Record<string, string>>;
  readonly masters: readonly NodeAddress[];
  readonly replicas: readonly NodeAddress[];
  /** Empties it and zeroes its counters, so each run starts from the same place. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** A private `redis-server` (no persistence, hz 100: the harness' settings). */
export async function singleRedisTarget(): Promise<ScaleTarget> {
  const server = await startRedis();
  const node = { host: server.host, port: server.port };
  return {
    name: 'one Redis',
    env: { SLAWATCH_REDIS_URL: server.url },
    masters: [node],
    replicas: [],
    async reset() {
      const redis = new Redis({ ...node, lazyConnect: true });
      try {
        await redis.connect();
        await redis.flushall();
        await redis.config('RESETSTAT');
      } finally {
        redis.disconnect();
      }
    },
    stop: () => server.stop(),
  };
}

/** A private Redis Cluster: `masters` masters with one replica each (test harness). */
export async function clusterTarget(masters: number): Promise<ScaleTarget> {
  const cluster = await startRedisCluster({ masters, replicasPerMaster: 1 });
  const layout = await cluster.masters();
  return {
    name: `cluster of ${masters} masters`,
    env: { SLAWATCH_REDIS_CLUSTER: cluster.seeds },
    masters: layout.map(({ host, port }) => ({ host, port })),
    replicas: cluster.nodes
      .filter((node) => node.role === 'replica')
      .map(({ host, port }) => ({ host, port })),
    async reset() {
      await cluster.flushAll();
      await cluster.resetStats();
    },
    stop: () => cluster.stop(),
  };
}
