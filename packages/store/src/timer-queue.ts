import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const TIMER_QUEUE = 'deadlines';

/** The data of a deadline timer job: re-check `ticketId` as of `at`. */
export interface TimerJob {
  readonly ticketId: string;
  readonly at: number;
}

/** BullMQ job ids may not contain ':'; ticket ids may. The id is deterministic per instant. */
export const timerJobId = (t: TimerJob): string =>
  `${Buffer.from(t.ticketId, 'utf8').toString('base64url')}-${t.at}`;

/**
 * Deadline and at-risk instants as BullMQ delayed jobs. A ticket has one pending job, for
 * its next instant: scheduling a new instant cancels the one it replaces, and the alerter
 * schedules the following one when a job fires. A job id is the ticket and the instant,
 * so scheduling the same instant twice adds one job.
 */
export class TimerQueue {
  readonly queue: Queue<TimerJob>;
  private readonly connection: Redis;

  /**
   * BullMQ gets a connection of its own: it defines dozens of Lua commands on it, which
   * ioredis would otherwise copy into every pipeline the store makes.
   */
  constructor(redis: Redis, prefix: string) {
    this.connection = redis.duplicate({ maxRetriesPerRequest: null });
    this.queue = new Queue<TimerJob>(TIMER_QUEUE, { connection: this.connection, prefix });
  }

  async schedule(timers: readonly TimerJob[], now: number): Promise<void> {
    if (timers.length === 0) return;
    await this.queue.addBulk(
      timers.map((data) => ({
        name: 'check',
        data,
        opts: {
          jobId: timerJobId(data),
          delay: Math.max(0, data.at - now),
          attempts: 10,
          backoff: { type: 'exponential', delay: 200 },
          removeOnComplete: true,
          removeOnFail: { count: 1000 },
        },
      })),
    );
  }

  /** Removes replaced timers (a job firing right now is left to finish: it re-checks). */
  async cancel(timers: readonly TimerJob[]): Promise<void> {
    await Promise.all(timers.map((t) => this.queue.remove(timerJobId(t))));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit();
  }
}
