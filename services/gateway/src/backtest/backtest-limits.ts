/** Bounds on the gateway's backtest jobs (`SLAWATCH_BACKTEST_*`, docs/configuration.md). */
export interface BacktestLimits {
  /** Most valid events one job holds in memory (about 260 bytes each). */
  readonly maxEvents: number;
  /** Most milliseconds a job may take, reading included, before it fails. */
  readonly timeoutMs: number;
  /** Most jobs running at once in one gateway. */
  readonly maxConcurrent: number;
  /** Longest stretch of comparing before the event loop gets a turn. */
  readonly sliceMs: number;
}

export const DEFAULT_BACKTEST_LIMITS: BacktestLimits = {
  maxEvents: 2_000_000,
  timeoutMs: 30 * 60_000,
  maxConcurrent: 1,
  sliceMs: 20,
};
