/** Why a batch could not be written to Redis, as the metrics label it. */
export type StoreFailureReason = 'redis_full' | 'redis_replicas' | 'redis_error';

export interface StoreFailure {
  readonly reason: StoreFailureReason;
  /** What an operator reads in the log and in `/readyz`: the cause, the effect, the remedy. */
  readonly message: string;
}

/**
 * Names a failed write to Redis for people. Redis' own "OOM command not allowed…" reply
 * does not say that nothing is lost or what to do, and it reached the log only inside
 * kafkajs' batch error, so an operator could not tell a full Redis from a bug.
 */
export function storeFailure(error: unknown): StoreFailure {
  const raw = error instanceof Error ? error.message : String(error);
  if (/\bOOM\b/.test(raw))
    return {
      reason: 'redis_full',
      message:
        `Redis is full (maxmemory reached, and its policy refuses writes): the batch's offsets ` +
        `are not committed and it is retried, so nothing is lost; free memory or raise ` +
        `maxmemory (Redis said: ${raw})`,
    };
  if (error instanceof Error && error.name === 'ReplicationError')
    return {
      reason: 'redis_replicas',
      message:
        `Redis replicas did not confirm the batch's writes: its offsets are not committed and ` +
        `it is retried; check that every master has a replica in sync (${raw})`,
    };
  return {
    reason: 'redis_error',
    message: `could not write the batch to Redis: its offsets are not committed and it is retried (${raw})`,
  };
}
