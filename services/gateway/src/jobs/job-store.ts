import type { RedisClient } from '@slawatch/store';
import { errorText } from '../error-catalog.js';
import type { JobRecord } from './job-record.js';

/** How long a job and its report stay readable after its last write. */
export const JOB_KEEP_SECONDS = 86_400;

/** A running job not written for this long has lost its gateway (it writes every 5 s). */
export const JOB_LOST_AFTER_MS = 30_000;

/**
 * The gateway's background jobs in Redis, so that any gateway behind a load balancer answers
 * for a job another one runs, and a cancel reaches the one running it. One hash per job:
 * `job` (its JSON, rewritten with each progress step) and `cancel` (set by `DELETE`).
 */
export class JobStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyOf: (jobId: string) => string,
  ) {}

  async save(job: JobRecord): Promise<void> {
    const key = this.keyOf(job.id);
    await this.redis
      .multi()
      .hset(key, 'job', JSON.stringify(job))
      .expire(key, JOB_KEEP_SECONDS)
      .exec();
  }

  /**
   * The job as of `now`, or null when unknown or expired. A running job whose gateway
   * stopped writing (it died) is answered as failed, rather than running for ever.
   */
  async get(jobId: string, now: number): Promise<JobRecord | null> {
    const text = await this.redis.hget(this.keyOf(jobId), 'job');
    if (text === null) return null;
    const job = JSON.parse(text) as JobRecord;
    if (job.state !== 'running' || now - Date.parse(job.updatedAt) <= JOB_LOST_AFTER_MS) return job;
    return {
      ...job,
      state: 'failed',
      error: {
        code: 'SLW_JOB_STOPPED',
        error: errorText(
          'SLW_JOB_STOPPED',
          `the gateway running it stopped (no progress since ${job.updatedAt})`,
        ),
      },
    };
  }

  /** Asks the gateway running the job to stop it; false when there is no such job. */
  async cancel(jobId: string): Promise<boolean> {
    const key = this.keyOf(jobId);
    if ((await this.redis.exists(key)) === 0) return false;
    await this.redis.hset(key, 'cancel', '1');
    return true;
  }

  async cancelRequested(jobId: string): Promise<boolean> {
    return (await this.redis.hget(this.keyOf(jobId), 'cancel')) === '1';
  }
}
