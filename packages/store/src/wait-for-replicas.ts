import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-client.js';

/** Fewer replicas than asked acknowledged a process's writes in time. */
export class ReplicationError extends Error {
  override readonly name = 'ReplicationError';
}

/**
 * Waits until `replicas` replicas of every master this client writes to hold everything
 * it wrote so far (Redis `WAIT`, on each master's own connection), or throws. Redis
 * replicates asynchronously: a master that dies takes the writes its replicas had not yet
 * received with it, and a failover promotes the replica without them. Waiting before a
 * Kafka offset is committed (and between a batch's records and its metrics) makes sure a
 * failover never loses a committed batch, nor leaves metrics ahead of their records
 * (docs/scaling.md, "What a failover can lose").
 */
export async function waitForReplicas(
  redis: RedisClient,
  replicas: number,
  timeoutMs: number,
): Promise<void> {
  if (replicas === 0) return;
  const masters = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const acknowledged = await Promise.all(masters.map((node) => node.wait(replicas, timeoutMs)));
  const short = masters.flatMap((node, i) =>
    acknowledged[i]! < replicas ? [`${node.options.host}:${node.options.port}`] : [],
  );
  if (short.length > 0)
    throw new ReplicationError(
      `fewer than ${replicas} replica(s) acknowledged the writes within ${timeoutMs} ms on ` +
        `${short.join(', ')} (SLAWATCH_REDIS_MIN_REPLICAS); the batch will be retried`,
    );
}
