import { randomBytes } from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { errorText, type ErrorArgs, type ErrorCode } from '../error-catalog.js';
import { apiError } from '../errors.js';
import type { History, HistorySource } from './history-source.js';
import type { JobLimits } from './job-limits.js';
import type { JobKind, JobRecord, JobStage } from './job-record.js';
import type { JobStore } from './job-store.js';

/** What every job is asked for, checked: its window and who asks. */
export interface JobRequest {
  readonly from: number;
  readonly until: number;
  /** A team-limited caller's teams: only their tickets count. */
  readonly teams: readonly string[] | null;
  /** The caller's token name, kept with the job. */
  readonly requestedBy: string;
}

/** Progress of a job's work after reading: tickets done of all. */
export interface WorkProgress {
  readonly done: number;
  readonly of: number;
}

/**
 * What one kind of job does with the history it read: a pure computation step by step
 * (core's `comparisonSteps`, `periodReportSteps`), its return value the job's result.
 */
export interface JobWork<R> {
  readonly kind: JobKind;
  /** The stage the steps report (after `reading`). */
  readonly stage: Exclude<JobStage, 'reading'>;
  steps(history: History): Generator<WorkProgress, R, void>;
}

/** How often a running job is written even without progress (others read it as alive). */
const HEARTBEAT_MS = 5_000;
/** Progress is written at most this often. */
const PROGRESS_WRITE_MS = 1_000;

/** Why a job stopped before its end: it is a failure with this code, or cancelled. */
class JobStop extends Error {
  constructor(
    readonly state: 'failed' | 'cancelled',
    readonly code: ErrorCode | null,
    message: string,
  ) {
    super(message);
  }
}

const stopWith = <C extends ErrorCode>(code: C, ...args: ErrorArgs<C>) =>
  new JobStop('failed', code, errorText(code, ...args));

const iso = (t: number) => new Date(t).toISOString();

/** Job ids say their kind: `bt_…` a backtest, `rp_…` a report. */
const ID_PREFIX: Readonly<Record<JobKind, string>> = { backtest: 'bt_', report: 'rp_' };

/**
 * Runs the gateway's background jobs (backtests, reports): reads the events topic's
 * history, runs the kind's work on it in slices (the event loop gets a turn every
 * `sliceMs`, so the API and the live stream keep answering), and writes the job's progress
 * and then its result to Redis, where any gateway answers for it. A job ends done, failed
 * (too large, too long, Kafka failing, the gateway stopping) or cancelled, and always says
 * which. Jobs of every kind share `maxConcurrent`.
 */
export class JobRunner {
  private readonly running = new Map<string, { stop: AbortController; ended: Promise<void> }>();

  constructor(
    private readonly jobs: JobStore,
    private readonly history: HistorySource,
    private readonly limits: JobLimits,
    private readonly topic: string,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Jobs running in this gateway now. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Starts a job and answers it as first written; 429 when this gateway runs its most. */
  async start<R>(work: JobWork<R>, request: JobRequest): Promise<JobRecord<R>> {
    if (this.running.size >= this.limits.maxConcurrent)
      throw apiError('SLW_JOB_BUSY', this.running.size);
    const startedAt = this.now();
    const job: JobRecord<R> = {
      id: `${ID_PREFIX[work.kind]}${randomBytes(9).toString('base64url')}`,
      kind: work.kind,
      state: 'running',
      requestedBy: request.requestedBy,
      teams: request.teams,
      startedAt: iso(startedAt),
      finishedAt: null,
      window: { from: iso(request.from), until: iso(request.until) },
      progress: { stage: 'reading', done: 0, total: 0, etaSeconds: null },
      updatedAt: iso(startedAt),
    };
    // The slot is taken before the first await: two requests at once cannot both pass.
    const stop = new AbortController();
    let started!: () => void;
    const saved = new Promise<void>((resolve) => (started = resolve));
    const ended = saved
      .then(() => this.run(job, work, stop))
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, { stop, ended });
    try {
      await this.jobs.save(job);
    } catch (error) {
      this.running.delete(job.id);
      throw error;
    }
    started();
    return job;
  }

  /** Stops every running job (each ends failed, saying the gateway stopped) and waits. */
  async stop(): Promise<void> {
    const running = [...this.running.values()];
    for (const r of running)
      r.stop.abort(stopWith('SLW_JOB_STOPPED', 'the gateway running it was stopped'));
    await Promise.all(running.map((r) => r.ended));
  }

  private async run<R>(
    first: JobRecord<R>,
    work: JobWork<R>,
    stop: AbortController,
  ): Promise<void> {
    let job = first;
    let stageStart = this.now();
    let lastWrite = 0;
    let writing = Promise.resolve();
    // Writes in order, each a whole job: a slow write never lands after a later one.
    const write = (next: JobRecord<R>) => {
      job = next;
      lastWrite = this.now();
      writing = writing
        .then(() => this.jobs.save({ ...job, updatedAt: iso(this.now()) }))
        .catch((err: unknown) => this.log.warn({ err, job: job.id }, `${job.kind}: saving failed`));
    };
    const progress = (stage: JobStage, done: number, total: number) => {
      if (stage !== job.progress.stage) stageStart = this.now();
      const spent = this.now() - stageStart;
      const etaSeconds =
        done === 0 || total === 0 ? null : Math.round((spent / done) * (total - done)) / 1000;
      job = { ...job, progress: { stage, done, total, etaSeconds } };
      if (this.now() - lastWrite >= PROGRESS_WRITE_MS) write(job);
    };
    const timeout = setTimeout(() => {
      const { stage, done, total } = job.progress;
      stop.abort(
        stopWith(
          'SLW_JOB_TIMEOUT',
          this.limits.timeoutMs,
          `${stage} ${done} of ${total} ${stage === 'reading' ? 'messages' : 'tickets'} done`,
        ),
      );
    }, this.limits.timeoutMs);
    const heartbeat = setInterval(() => {
      write(job);
      this.jobs
        .cancelRequested(job.id)
        .then((cancel) => {
          if (cancel)
            stop.abort(new JobStop('cancelled', null, `cancelled by a DELETE of the job`));
        })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const result = await this.work(work, stop.signal, progress);
      write({ ...job, state: 'done', finishedAt: iso(this.now()), result });
      this.log.info({ job: job.id }, `${job.kind} done`);
    } catch (error) {
      const reason = stop.signal.aborted ? (stop.signal.reason as unknown) : error;
      const ended =
        reason instanceof JobStop
          ? reason
          : stopWith('SLW_JOB_READ_FAILED', this.topic, (reason as Error).message);
      if (!(reason instanceof JobStop))
        this.log.error({ err: reason, job: job.id }, `${job.kind} failed`);
      write({
        ...job,
        state: ended.state,
        finishedAt: iso(this.now()),
        ...(ended.code === null ? {} : { error: { code: ended.code, error: ended.message } }),
      });
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
      await writing;
    }
  }

  private async work<R>(
    work: JobWork<R>,
    signal: AbortSignal,
    progress: (stage: JobStage, done: number, total: number) => void,
  ): Promise<R> {
    const history = await this.history.read({
      maxEvents: this.limits.maxEvents,
      signal,
      onProgress: (done, total) => progress('reading', done, total),
    });
    if (history === 'too-large') throw stopWith('SLW_JOB_TOO_LARGE', this.limits.maxEvents);
    const steps = work.steps(history);
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      if (performance.now() - sliceStart >= this.limits.sliceMs) {
        progress(work.stage, step.value.done, step.value.of);
        await turn();
        signal.throwIfAborted();
        sliceStart = performance.now();
      }
    }
  }
}
