/** Bounds on the gateway's background jobs (`SLAWATCH_JOB_*`, docs/configuration.md). */
export interface JobLimits {
  /** Most valid events one job holds in memory (about 300 bytes each). */
  readonly maxEvents: number;
  /** Most milliseconds a job may take, reading included, before it fails. */
  readonly timeoutMs: number;
  /** Most jobs (of every kind) running at once in one gateway. */
  readonly maxConcurrent: number;
  /** Longest stretch of work before the event loop gets a turn. */
  readonly sliceMs: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = {
  maxEvents: 2_000_000,
  timeoutMs: 30 * 60_000,
  maxConcurrent: 1,
  sliceMs: 20,
};
