import type { ClockKind } from '../contract/vocabulary.js';
import type { DurationCode } from '../metrics/metric-codes.js';

/** The rolling-metric durations a forecast reads: first response, next response, resolution. */
export type ForecastSource = Extract<DurationCode, 'fr' | 'nr' | 'rs'>;

/**
 * The duration whose recent history stands in for each clock kind. The first three measure
 * exactly what their clock does (from the clock's start to the reply or the solve, in wall
 * time). The further kinds have no duration of their own in the metrics, so they borrow the
 * nearest: an update cycle runs from one agent reply to the next, which `nr` (customer
 * comment to reply) only approximates; requester wait and agent work run from creation to
 * the solve less some paused statuses, which `rs` (creation to solve, pauses included)
 * overstates. Forecasts of those kinds are rougher for it.
 */
export const FORECAST_SOURCE: Readonly<Record<ClockKind, ForecastSource>> = {
  firstResponse: 'fr',
  nextResponse: 'nr',
  resolution: 'rs',
  periodicUpdate: 'nr',
  pausableUpdate: 'nr',
  requesterWait: 'rs',
  agentWork: 'rs',
};
