import type { RedisClient } from '../redis-client.js';
import type { Keys } from '../keys.js';
import { notificationJobId } from './notification-job-id.js';

/** The owner of a notification that was delivered: no job delivers it again. */
export const DELIVERED = 'delivered';

/** As long as a completed job is kept (removeOnComplete), so a replay finds either. */
const CLAIM_TTL_MS = 86_400_000;

/**
 * Claims each key (KEYS) for ARGV[1] unless it has an owner; returns each one's owner before
 * ('' for none). One call for a whole batch: the keys share the notifications' hash slot.
 */
const CLAIM = `
local before = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner then
    before[i] = owner
  else
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    before[i] = ''
  end
end
return before`;

/** Gives every key (KEYS) to ARGV[1]. */
const ASSIGN = `
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return #KEYS`;

/**
 * Which job answers for each notification, so that it reaches its receiver once however
 * many jobs carry it (a batch replayed after a crash, grouped differently the second
 * time; a notification queued alone and again in a batch). One key per notification,
 * holding the id of the job delivering it, then `delivered`. Kept in the notification
 * queues' hash slot, with the same lifetime as a completed job.
 */
export class DeliveryClaims {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

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
    const before = (await this.redis.eval(
      CLAIM,
      keys.length,
      ...keys,
      owner,
      CLAIM_TTL_MS,
    )) as string[];
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
    await this.redis.eval(ASSIGN, keys.length, ...keys, owner, CLAIM_TTL_MS);
  }

  /** Marks notifications delivered: any job that carries them later skips them. */
  delivered(notificationIds: readonly string[]): Promise<void> {
    return this.assign(notificationIds, DELIVERED);
  }
}
