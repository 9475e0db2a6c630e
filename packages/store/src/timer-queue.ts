import { Queue, type ConnectionOptions } from 'bullmq';

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
 * Deadline and at-risk instants as BullMQ delayed jobs. Each ticket has one pending job,
 * for its next instant; the alerter schedules the one after when it fires. A job id is
 * the ticket and the instant, so scheduling the same instant twice adds one job.
 */
export class TimerQueue {
  readonly queue: Queue<TimerJob>;

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue<TimerJob>(TIMER_QUEUE, { connection, prefix });
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

  close(): Promise<void> {
    return this.queue.close();
  }
}
