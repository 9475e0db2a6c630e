import { parseJob, type Job } from './job';
import { parseBacktestReport, type BacktestReport } from './backtest-report';

/** A backtest job as `GET /api/v1/backtest/{id}` answers it (docs/api.md). */
export type BacktestJob = Job<BacktestReport>;

/** Reads a job, throwing {@link MalformedAnswer} at its first field that is not as documented. */
export const parseBacktestJob = (value: unknown): BacktestJob =>
  parseJob(value, parseBacktestReport);
