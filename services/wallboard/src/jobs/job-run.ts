import { signal } from '@preact/signals';
import { ApiError } from '../api/api-client';
import type { Job } from '../api/job';
import type { JobFailure } from './job-failure';

/** What a run needs of the gateway besides starting the job. */
export interface JobApi<R> {
  job(id: string): Promise<Job<R>>;
  cancel(id: string): Promise<void>;
}

/** Runs `task` after `ms`; returns what cancels it. */
export type Schedule = (ms: number, task: () => void) => () => void;

/** The browser's timers, for code that takes a {@link Schedule} so that tests can pass their own. */
export const timers: Schedule = (ms, task) => {
  const timer = setTimeout(task, ms);
  return () => clearTimeout(timer);
};

export type JobPhase<R> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting' }
  | {
      readonly kind: 'running';
      readonly job: Job<R>;
      /** A cancel was sent: the job stops at its next check, within seconds. */
      readonly cancelling: boolean;
      /** Why the latest poll got no answer (the page keeps polling). */
      readonly trouble: string | null;
    }
  | { readonly kind: 'done'; readonly job: Job<R>; readonly report: R }
  | { readonly kind: 'cancelled'; readonly job: Job<R> }
  | { readonly kind: 'failed'; readonly failure: JobFailure; readonly job: Job<R> | null };

/** How a kind of job's errors read (see {@link jobFailure}). */
export interface JobWording {
  readonly failure: (error: unknown) => JobFailure;
  /** For a failed job whose error says nothing. */
  readonly failedSilently: string;
}

/** A job says how it is going about once a second (docs/api.md): asking faster gains nothing. */
export const POLL_MS = 1_000;
const MAX_RETRY_MS = 10_000;

/** A gateway that did not answer, or answered that it could not now: ask again later. */
const transient = (error: unknown): boolean =>
  error instanceof ApiError && (error.status === 0 || error.status === 429 || error.status >= 500);

/**
 * One background job at a time, as a page shows it: started, polled about once a second
 * while it runs (backing off while the gateway does not answer), cancelled on request,
 * and ended done with its result, cancelled, or failed saying why. Answers that arrive
 * after a newer start, or after {@link dispose}, are ignored.
 */
export class JobRun<R> {
  readonly phase = signal<JobPhase<R>>({ kind: 'idle' });
  private generation = 0;
  private cancelTimer: (() => void) | null = null;

  constructor(
    private readonly api: JobApi<R>,
    private readonly wording: JobWording,
    /** Called when the gateway stops accepting the token (401). */
    private readonly unauthorized: () => void = () => undefined,
    private readonly schedule: Schedule = timers,
  ) {}

  /** Starting, or running: another start waits for it to end. */
  get busy(): boolean {
    const { kind } = this.phase.value;
    return kind === 'starting' || kind === 'running';
  }

  /** Starts a job with `send` (the kind's `POST`), then follows it. */
  async begin(send: () => Promise<Job<R>>): Promise<void> {
    if (this.busy) return;
    const generation = this.renew();
    this.phase.value = { kind: 'starting' };
    try {
      const job = await send();
      if (generation === this.generation) this.settle(generation, job);
    } catch (error) {
      if (generation === this.generation) this.fail(error, null);
    }
  }

  /** Asks the gateway to stop the running job; the polls then show it cancelled. */
  async cancel(): Promise<void> {
    const phase = this.phase.value;
    if (phase.kind !== 'running' || phase.cancelling) return;
    const generation = this.generation;
    this.phase.value = { ...phase, cancelling: true };
    try {
      await this.api.cancel(phase.job.id);
    } catch (error) {
      if (generation !== this.generation) return;
      // It ended before the cancel arrived: the next poll shows how.
      if (error instanceof ApiError && error.code === 'SLW_JOB_FINISHED') return;
      const now = this.phase.value;
      if (transient(error) && now.kind === 'running')
        this.phase.value = {
          ...now,
          cancelling: false,
          trouble: `The cancel did not reach the gateway: ${this.wording.failure(error).message}`,
        };
      else if (!transient(error)) this.fail(error, phase.job);
    }
  }

  /** Forgets the run: polling stops, and answers still on their way are ignored. */
  dispose(): void {
    this.renew();
  }

  private renew(): number {
    this.cancelTimer?.();
    this.cancelTimer = null;
    return ++this.generation;
  }

  private settle(generation: number, job: Job<R>): void {
    const previous = this.phase.value;
    switch (job.state) {
      case 'running':
        this.phase.value = {
          kind: 'running',
          job,
          cancelling: previous.kind === 'running' && previous.cancelling,
          trouble: null,
        };
        this.poll(generation, job.id, 0);
        return;
      case 'done':
        // parseJob makes sure a done job has its result.
        this.phase.value = { kind: 'done', job, report: job.result! };
        return;
      case 'cancelled':
        this.phase.value = { kind: 'cancelled', job };
        return;
      case 'failed':
        this.phase.value = {
          kind: 'failed',
          job,
          failure: {
            message: job.error?.error ?? this.wording.failedSilently,
            code: job.error?.code ?? null,
            problems: [],
          },
        };
        return;
    }
  }

  private poll(generation: number, id: string, failures: number): void {
    const delay = Math.min(POLL_MS * 2 ** failures, MAX_RETRY_MS);
    this.cancelTimer = this.schedule(delay, () => {
      this.cancelTimer = null;
      this.api.job(id).then(
        (job) => {
          if (generation === this.generation) this.settle(generation, job);
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          const phase = this.phase.value;
          if (transient(error) && phase.kind === 'running') {
            this.phase.value = { ...phase, trouble: this.wording.failure(error).message };
            this.poll(generation, id, failures + 1);
          } else this.fail(error, phase.kind === 'running' ? phase.job : null);
        },
      );
    });
  }

  private fail(error: unknown, job: Job<R> | null): void {
    this.renew();
    this.phase.value = { kind: 'failed', failure: this.wording.failure(error), job };
    if (error instanceof ApiError && error.status === 401) this.unauthorized();
  }
}
