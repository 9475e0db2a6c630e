import type { RedisClient } from '../redis-client.js';
import type { Keys } from '../keys.js';
import { callVariadic, defineScripts } from '../scripts.js';
import { notificationJobId } from './notification-job-id.js';

/** The owner of a notification that was delivered: no job delivers it again. */
export const DELIVERED = 'delivered';

/** As long as a completed job is kept (removeOnComplete), so a replay finds either. */
const CLAIM_TTL_MS = 86_400_000;

/**
 * Which job answers for each notification, so that it reaches its receiver once however
 * many jobs carry it (a batch replayed after a crash, grouped differently the second
 * time; a notification queued alone and again in a batch). One key per notification,
 * holding the id of the job delivering it, then `delivered`. Kept in the notification
 * queues' hash slot, with the same lifetime as a completed job.
 */
export class DeliveryClaims {
  private readonly redis: RedisClient;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.redis = defineScripts(redis);
  }

  private key(notificationId: string): string {
    return `${this.keys.notifyPrefix}:owner:${notificationJobId(notificationId)}`;
  }

  /**
   * Claims each notification for job `owner` unless some job has it already; resolves with
   * each one's owner before the call (null: none, so `owner` has it now).
   */
  async claim(notificationIds: readonly string[], owner: string): Promise<(string | null)[]> {
    if (notificationIds.length === 0) return [];
    const keys = notificationIds.map((id) => this.key(id));
    const before = await callVariadic<string[]>(this.redis, 'claimDeliveriesV1', keys.length, [
      ...keys,
      owner,
      CLAIM_TTL_MS,
    ]);
    return before.map((o) => (o === '' ? null : o));
  }

  /** Each notification's owner now (null: none yet), for tests and tools. */
  owners(notificationIds: readonly string[]): Promise<(string | null)[]> {
    return Promise.all(notificationIds.map((id) => this.redis.get(this.key(id))));
  }

  /** Gives notifications to job `owner` (a batch handing one over to its own job). */
  async assign(notificationIds: readonly string[], owner: string): Promise<void> {
    if (notificationIds.length === 0) return;
    const keys = notificationIds.map((id) => this.key(id));
    await callVariadic(this.redis, 'assignDeliveriesV1', keys.length, [
      ...keys,
      owner,
      CLAIM_TTL_MS,
    ]);
  }

  /** Marks notifications delivered: any job that carries them later skips them. */
  delivered(notificationIds: readonly string[]): Promise<void> {
    return this.assign(notificationIds, DELIVERED);
  }
}
