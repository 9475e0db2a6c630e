import { randomBytes } from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';
import { comparisonSteps, type PolicySet } from '@slawatch/core';
import type { FastifyBaseLogger } from 'fastify';
import { errorText, type ErrorArgs, type ErrorCode } from '../error-catalog.js';
import { apiError } from '../errors.js';
import type { BacktestJob, BacktestResult, BacktestStage } from './backtest-job.js';
import type { BacktestJobs } from './backtest-jobs.js';
import type { BacktestLimits } from './backtest-limits.js';
import type { HistorySource } from './history-source.js';

/** What `POST /api/v1/backtest` asks for, checked. */
export interface BacktestRequest {
  readonly candidate: PolicySet;
  readonly from: number;
  readonly until: number;
  /** A team-limited caller's teams: only their tickets are compared. */
  readonly teams: readonly string[] | null;
  /** The caller's token name, kept with the job. */
  readonly requestedBy: string;
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

/**
 * Runs the gateway's backtest jobs in the background: reads the events topic's history,
 * folds it under the document in force and the candidate in slices (the event loop gets a
 * turn every `sliceMs`, so the API and the live stream keep answering), and writes the
 * job's progress and then its report to Redis, where any gateway answers for it. A job
 * ends done, failed (too large, too long, Kafka failing, the gateway stopping) or
 * cancelled, and always says which.
 */
export class BacktestRunner {
  private readonly running = new Map<string, { stop: AbortController; ended: Promise<void> }>();

  constructor(
    private readonly jobs: BacktestJobs,
    private readonly history: HistorySource,
    private readonly current: PolicySet,
    private readonly limits: BacktestLimits,
    private readonly topic: string,
    private readonly log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Jobs running in this gateway now. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Starts a job and answers it as first written; 429 when this gateway runs its most. */
  async start(request: BacktestRequest): Promise<BacktestJob> {
    if (this.running.size >= this.limits.maxConcurrent)
      throw apiError('SLW_BACKTEST_BUSY', this.running.size);
    const startedAt = this.now();
    const job: BacktestJob = {
      id: `bt_${randomBytes(9).toString('base64url')}`,
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
      .then(() => this.run(job, request, stop))
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
      r.stop.abort(stopWith('SLW_BACKTEST_STOPPED', 'the gateway running it was stopped'));
    await Promise.all(running.map((r) => r.ended));
  }

  private async run(
    first: BacktestJob,
    request: BacktestRequest,
    stop: AbortController,
  ): Promise<void> {
    let job = first;
    let stageStart = this.now();
    let lastWrite = 0;
    let writing = Promise.resolve();
    // Writes in order, each a whole job: a slow write never lands after a later one.
    const write = (next: BacktestJob) => {
      job = next;
      lastWrite = this.now();
      writing = writing
        .then(() => this.jobs.save({ ...job, updatedAt: iso(this.now()) }))
        .catch((err: unknown) => this.log.warn({ err, job: job.id }, 'backtest: saving failed'));
    };
    const progress = (stage: BacktestStage, done: number, total: number) => {
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
          'SLW_BACKTEST_TIMEOUT',
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
      const result = await this.work(request, stop.signal, progress);
      write({ ...job, state: 'done', finishedAt: iso(this.now()), result });
      this.log.info({ job: job.id, tickets: result.tickets }, 'backtest done');
    } catch (error) {
      const reason = stop.signal.aborted ? (stop.signal.reason as unknown) : error;
      const ended =
        reason instanceof JobStop
          ? reason
          : stopWith('SLW_BACKTEST_READ_FAILED', this.topic, (reason as Error).message);
      if (!(reason instanceof JobStop))
        this.log.error({ err: reason, job: job.id }, 'backtest failed');
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

  private async work(
    request: BacktestRequest,
    signal: AbortSignal,
    progress: (stage: BacktestStage, done: number, total: number) => void,
  ): Promise<BacktestResult> {
    const history = await this.history.read({
      maxEvents: this.limits.maxEvents,
      signal,
      onProgress: (done, total) => progress('reading', done, total),
    });
    if (history === 'too-large') throw stopWith('SLW_BACKTEST_TOO_LARGE', this.limits.maxEvents);
    const steps = comparisonSteps(history.byTicket, this.current, request.candidate, {
      from: request.from,
      until: request.until,
      teams: request.teams,
    });
    let sliceStart = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done === true) {
        const report = step.value;
        return {
          ...report,
          from: iso(report.from),
          until: iso(report.until),
          rejected: history.rejected,
        };
      }
      if (performance.now() - sliceStart >= this.limits.sliceMs) {
        progress('comparing', step.value.done, step.value.of);
        await turn();
        signal.throwIfAborted();
        sliceStart = performance.now();
      }
    }
  }
}
