import { Queue } from 'bullmq';
import { duplicateClient, type RedisClient } from '../redis-client.js';
import type { Keys } from '../keys.js';
import { TIMER_QUEUE } from '../queue-names.js';
import { defineScripts, type SlawatchCommands } from '../scripts.js';

/** A ticket's next timer: re-check the ticket at `at` (null: it needs none). */
export interface TimerSetting {
  readonly ticketId: string;
  readonly at: number | null;
}

/** A timer that is due: re-check `ticketId` as of `at` or later. */
export interface DueTimer {
  readonly ticketId: string;
  readonly at: number;
}

/** The data of a wake-up job: check every timer due at `at` and before. */
export interface WakeJob {
  readonly at: number;
}

/** Deterministic per instant, so two writers adding the same wake-up add one job. */
export const wakeJobId = (at: number): string => `at-${at}`;

/**
 * Deadline and at-risk instants. Every ticket's next instant is one member of a sorted
 * set (about 100 bytes, where a BullMQ job per ticket took 750; with metric lanes, one set
 * per lane, so that no one cluster slot takes every write), and BullMQ delayed jobs
 * wake the alerter at the earliest instant: setting a timer earlier than every other one
 * adds a job for it, and the alerter adds the job for the next instant after each check.
 * A job id is its instant, so the same wake-up added twice is one job.
 */
export class TimerQueue {
  readonly queue: Queue<WakeJob>;
  private readonly connection: RedisClient;
  private readonly redis: RedisClient & SlawatchCommands;
  private readonly keys: Keys;

  /**
   * BullMQ gets a connection of its own: it defines dozens of Lua commands on it, which
   * ioredis would otherwise copy into every pipeline the store makes.
   */
  constructor(redis: RedisClient, keys: Keys) {
    this.redis = defineScripts(redis);
    this.keys = keys;
    this.connection = duplicateClient(redis, { maxRetriesPerRequest: null });
    this.queue = new Queue<WakeJob>(TIMER_QUEUE, {
      connection: this.connection,
      prefix: keys.queuePrefix,
    });
  }

  /**
   * Sets (or clears) tickets' next timers, one script call per due set (with lanes, each
   * ticket's timer is in its lane's set, so no one slot takes every ticket's timer).
   */
  async set(timers: readonly TimerSetting[], now: number): Promise<void> {
    if (timers.length === 0) return;
    const bySet = new Map<string, string[]>();
    for (const t of timers) {
      const key = this.keys.dueOf(t.ticketId);
      let pairs = bySet.get(key);
      if (!pairs) bySet.set(key, (pairs = []));
      pairs.push(t.ticketId, t.at === null ? '' : String(t.at));
    }
    const moved = await Promise.all(
      [...bySet].map(([key, pairs]) => this.redis.setTimersV1(key, ...pairs)),
    );
    const earliest = Math.min(...moved.map((at) => (at === null ? Infinity : Number(at))));
    if (earliest === Infinity) return;
    // Earlier than its own set's earliest; with several sets, it needs a wake-up only if it
    // is also earlier than every other set's (that one's job covers it otherwise).
    if (this.keys.dueSets.length > 1 && earliest > ((await this.earliest()) ?? Infinity)) return;
    await this.wake(earliest, now);
  }

  /** Timers due at `upTo` or before, earliest first, at most `limit` (over every due set). */
  async due(upTo: number, limit: number): Promise<DueTimer[]> {
    const flats = await Promise.all(
      this.keys.dueSets.map((key) =>
        this.redis.zrangebyscore(key, '-inf', upTo, 'WITHSCORES', 'LIMIT', 0, limit),
      ),
    );
    const out: DueTimer[] = [];
    for (const flat of flats)
      for (let i = 0; i < flat.length; i += 2)
        out.push({ ticketId: flat[i]!, at: Number(flat[i + 1]) });
    if (flats.length > 1) out.sort((a, b) => a.at - b.at);
    return out.slice(0, limit);
  }

  /** The earliest pending instant, or null when no ticket needs a timer. */
  async earliest(): Promise<number | null> {
    const firsts = await Promise.all(
      this.keys.dueSets.map((key) => this.redis.zrange(key, 0, 0, 'WITHSCORES')),
    );
    const scores = firsts.flatMap(([, score]) => (score === undefined ? [] : [Number(score)]));
    return scores.length === 0 ? null : Math.min(...scores);
  }

  /** How many tickets have a pending timer. */
  async size(): Promise<number> {
    const counts = await Promise.all(this.keys.dueSets.map((key) => this.redis.zcard(key)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** How many timers are due at `upTo` or before (the alerter's due-timers gauge). */
  async countDue(upTo: number): Promise<number> {
    const counts = await Promise.all(
      this.keys.dueSets.map((key) => this.redis.zcount(key, '-inf', upTo)),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Adds the wake-up job for instant `at` (once: the id is the instant). */
  async wake(at: number, now: number): Promise<void> {
    await this.queue.add(
      'wake',
      { at },
      {
        jobId: wakeJobId(at),
        delay: Math.max(0, at - now),
        attempts: 10,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: true,
        // A failed job must not keep its id taken: the next wake-up for the instant re-adds it.
        removeOnFail: true,
      },
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
