import { chunked } from '../chunked.js';
import type { RedisClient } from '../redis-client.js';

/** Members one ZADD or ZREM names at most: a command of bounded size. */
const MEMBERS_PER_COMMAND = 1_000;

/**
 * A batch's changes to sorted sets, each member's last one kept (a score, or null to take
 * it off), sent as one ZADD and one ZREM per set. The same outcome as a command per
 * change in the order they were made: a batch changed the lists a ticket's clock is on
 * with two or three commands each, a sixth of the commands the tracker sent
 * (bench:pipeline, issue 18). Each command names one key, so this runs on a cluster too.
 */
export class SortedSetWrites {
  private readonly sets = new Map<string, Map<string, number | null>>();

  add(key: string, member: string, score: number): void {
    this.of(key).set(member, score);
  }

  remove(key: string, member: string): void {
    this.of(key).set(member, null);
  }

  /**
   * Queues the commands (auto-pipelining sends them in this order, each set's before
   * whatever is queued after for the same set) and returns their replies.
   */
  send(redis: RedisClient): Promise<unknown>[] {
    const sent: Promise<unknown>[] = [];
    for (const [key, changes] of this.sets) {
      const added: (string | number)[] = [];
      const removed: string[] = [];
      for (const [member, score] of changes) {
        if (score === null) removed.push(member);
        else added.push(score, member);
      }
      // Score and member pairs: twice as many arguments as members.
      for (const part of chunked(added, 2 * MEMBERS_PER_COMMAND))
        sent.push(redis.zadd(key, ...part));
      for (const part of chunked(removed, MEMBERS_PER_COMMAND)) sent.push(redis.zrem(key, ...part));
    }
    return sent;
  }

  private of(key: string): Map<string, number | null> {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Map<string, number | null>()));
    return set;
  }
}
