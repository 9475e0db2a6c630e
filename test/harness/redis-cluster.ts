import { findBinary } from './find-binary.js';
import { waitForConsensus } from './cluster-consensus.js';
import { shardOfSlot, type ClusterShard } from './cluster-layout.js';
import { startClusterNode, type ClusterNode } from './cluster-node.js';
import { createCluster } from './create-cluster.js';
import { parseRedisNodeInfo, type RedisNodeInfo } from './redis-node-info.js';
import { queryRedisNode } from './redis-node-query.js';

/** Options for {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /** How many masters share the 16384 slots (default 3; `redis-cli --cluster create` needs 3+). */
  masters?: number;
  /** Replicas of each master (default 1). */
  replicasPerMaster?: number;
  /** `cluster-node-timeout`: how long a silent node takes to be suspected (default 1000 ms). */
  nodeTimeoutMs?: number;
  /** How long forming (and each failover, restart) may take before failing (default 30 s). */
  timeoutMs?: number;
  /** Environment for the PATH lookup and the children (tests pass an empty PATH). */
  env?: NodeJS.ProcessEnv;
}

/** A member of the cluster as the harness last saw it. */
export interface RedisClusterNode {
  readonly host: string;
  readonly port: number;
  /** -1 while it is down (after `failover()`, before `restartNode()`). */
  readonly pid: number;
  readonly role: 'master' | 'replica';
  readonly running: boolean;
}

/** A master and what it serves. */
export interface RedisClusterMaster {
  readonly host: string;
  readonly port: number;
  readonly nodeId: string;
  /** Inclusive slot ranges, ascending. */
  readonly slots: readonly (readonly [number, number])[];
  readonly replicaPorts: readonly number[];
}

/** What a failover did, and how long the cluster took to serve every slot again. */
export interface FailoverResult {
  /** The master that was killed (`failover`) or demoted (`manualFailover`). */
  readonly killedPort: number;
  readonly promotedPort: number;
  readonly tookMs: number;
}

/** A running private Redis Cluster owned by this process. */
export interface RedisCluster {
  /** `127.0.0.1:p1,127.0.0.1:p2,…` of every node: the format of `SLAWATCH_REDIS_CLUSTER`. */
  readonly seeds: string;
  /** Every node, with its role as of the last change the harness made and waited out. */
  readonly nodes: readonly RedisClusterNode[];
  /** The current masters with their slots, from `CLUSTER NODES` of a running node. */
  masters(): Promise<RedisClusterMaster[]>;
  /**
   * kill -9 a master (default: the one serving slot 0) and resolve once one of its replicas
   * serves its slots and every survivor agrees. Writes the replica had not received are lost.
   */
  failover(masterPort?: number): Promise<FailoverResult>;
  /**
   * `CLUSTER FAILOVER` on a replica (default: one of slot 0's master): the master stops
   * writes, the replica catches up and takes over, nothing is lost. Resolves when all agree.
   */
  manualFailover(replicaPort?: number): Promise<FailoverResult>;
  /** Starts a killed node again; it rejoins (a replaced master as a replica). */
  restartNode(port: number): Promise<void>;
  /** `INFO cpu commandstats` of one node, parsed. */
  info(port: number): Promise<RedisNodeInfo>;
  /** `CONFIG RESETSTAT` on every running node: zeroes the counters `info()` reads. */
  resetStats(): Promise<void>;
  /** `FLUSHALL` on every master (replicas follow). */
  flushAll(): Promise<void>;
  /** Stops every node and removes their dirs. */
  stop(): Promise<void>;
}

const host = '127.0.0.1';
const redisPackages = ['redis-server', 'redis-tools'];

/**
 * Starts a Redis Cluster of private `redis-server`s on free loopback ports (3 masters and 3
 * replicas by default), joins them with `redis-cli --cluster create`, and resolves once every
 * node says `cluster_state:ok`, all agree on who serves which of the 16384 slots, and every
 * replica is in sync. About 2-4 s.
 *
 * @throws MissingBinaryError if `redis-server` or `redis-cli` is not installed
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const {
    masters = 3,
    replicasPerMaster = 1,
    nodeTimeoutMs = 1_000,
    timeoutMs = 30_000,
    env = process.env,
  } = options;
  if (!Number.isInteger(masters) || masters < 3)
    throw new Error('a Redis Cluster needs 3+ masters');
  if (!Number.isInteger(replicasPerMaster) || replicasPerMaster < 0) {
    throw new Error('replicasPerMaster must be a whole number');
  }
  // Both looked up before anything starts, so a missing one leaves nothing behind.
  findBinary('redis-server', redisPackages, env);
  const redisCli = findBinary('redis-cli', ['redis-tools'], env);

  const count = masters * (1 + replicasPerMaster);
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startClusterNode({ nodeTimeoutMs, env, startTimeoutMs: timeoutMs }),
    ),
  );
  const members = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const stopAll = async (): Promise<void> => {
    await Promise.all(members.map((node) => node.stop()));
  };
  try {
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    await createCluster(redisCli, env, members, replicasPerMaster, timeoutMs);
    const layout = await waitForConsensus({
      host,
      ports: members.map((node) => node.port),
      timeoutMs,
      what: 'the cluster to form',
      accept: (shards) =>
        shards.length === masters &&
        shards.every((shard) => shard.replicaPorts.length === replicasPerMaster)
          ? undefined
          : `not yet ${masters} masters with ${replicasPerMaster} replica(s) each`,
    });
    return clusterHandle(members, layout, timeoutMs);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function clusterHandle(
  members: readonly ClusterNode[],
  initial: ClusterShard[],
  timeoutMs: number,
): RedisCluster {
  // Remembered per port, so a killed master still shows as the master it was until it rejoins.
  const roles = new Map<number, 'master' | 'replica'>();
  const remember = (shards: readonly ClusterShard[]): void => {
    for (const shard of shards) {
      roles.set(shard.masterPort, 'master');
      for (const port of shard.replicaPorts) roles.set(port, 'replica');
    }
  };
  remember(initial);
  const memberAt = (port: number): ClusterNode => {
    const node = members.find((candidate) => candidate.port === port);
    if (node === undefined) throw new Error(`no node of this cluster on port ${port}`);
    return node;
  };
  const runningPorts = (): number[] =>
    members.filter((node) => node.running).map((node) => node.port);
  const settle = async (
    what: string,
    accept?: (shards: ClusterShard[]) => string | undefined,
  ): Promise<ClusterShard[]> => {
    const layout = await waitForConsensus({ host, ports: runningPorts(), timeoutMs, what, accept });
    remember(layout);
    return layout;
  };
  const current = async (): Promise<ClusterShard[]> => settle('the cluster to agree on its layout');
  const masterOfSlotZero = (shards: ClusterShard[]): ClusterShard => {
    const shard = shardOfSlot(shards, 0);
    if (shard === undefined) throw new Error('no master serves slot 0');
    return shard;
  };

  return {
    seeds: members.map((node) => `${host}:${node.port}`).join(','),
    get nodes() {
      return members.map((node) => ({
        host,
        port: node.port,
        pid: node.pid,
        role: roles.get(node.port) ?? 'replica',
        running: node.running,
      }));
    },
    async masters() {
      const shards = await current();
      return shards.map((shard) => ({
        host,
        port: shard.masterPort,
        nodeId: shard.masterId,
        slots: shard.slots,
        replicaPorts: shard.replicaPorts,
      }));
    },
    async failover(masterPort) {
      const shards = await current();
      const shard =
        masterPort === undefined
          ? masterOfSlotZero(shards)
          : shards.find((candidate) => candidate.masterPort === masterPort);
      if (shard === undefined) throw new Error(`${masterPort} is not a running master`);
      if (shard.replicaPorts.length === 0) {
        throw new Error(`master ${shard.masterPort} has no replica to promote`);
      }
      const startedAt = performance.now();
      await memberAt(shard.masterPort).kill();
      let promotedPort = 0;
      await settle(`a replica of ${shard.masterPort} to take over its slots`, (next) => {
        const promoted = next.find((candidate) =>
          shard.replicaPorts.includes(candidate.masterPort),
        );
        if (promoted === undefined) return `no replica of ${shard.masterPort} promoted yet`;
        promotedPort = promoted.masterPort;
        return undefined;
      });
      return {
        killedPort: shard.masterPort,
        promotedPort,
        tookMs: Math.round(performance.now() - startedAt),
      };
    },
    async manualFailover(replicaPort) {
      const shards = await current();
      const shard =
        replicaPort === undefined
          ? masterOfSlotZero(shards)
          : shards.find((candidate) => candidate.replicaPorts.includes(replicaPort));
      const promotedPort = replicaPort ?? shard?.replicaPorts[0];
      if (shard === undefined || promotedPort === undefined) {
        throw new Error(
          replicaPort === undefined
            ? 'the master of slot 0 has no running replica'
            : `${replicaPort} is not a running replica`,
        );
      }
      const startedAt = performance.now();
      await queryRedisNode(host, promotedPort, [['CLUSTER', 'FAILOVER']]);
      await settle(`${promotedPort} to take over from ${shard.masterPort}`, (next) => {
        const promoted = next.find((candidate) => candidate.masterPort === promotedPort);
        if (promoted === undefined) return `${promotedPort} is not a master yet`;
        return promoted.replicaPorts.includes(shard.masterPort)
          ? undefined
          : `${shard.masterPort} does not replicate ${promotedPort} yet`;
      });
      return {
        killedPort: shard.masterPort,
        promotedPort,
        tookMs: Math.round(performance.now() - startedAt),
      };
    },
    async restartNode(port) {
      const node = memberAt(port);
      await node.restart();
      await settle(`${port} to rejoin the cluster`);
    },
    async info(port) {
      const [reply] = await queryRedisNode(host, port, [['INFO', 'cpu', 'commandstats']]);
      return parseRedisNodeInfo(port, String(reply));
    },
    async resetStats() {
      await Promise.all(
        runningPorts().map((port) => queryRedisNode(host, port, [['CONFIG', 'RESETSTAT']])),
      );
    },
    async flushAll() {
      const shards = await current();
      await Promise.all(
        shards.map((shard) => queryRedisNode(host, shard.masterPort, [['FLUSHALL']])),
      );
    },
    async stop() {
      await Promise.all(members.map((node) => node.stop()));
    },
  };
}
