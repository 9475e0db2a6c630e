export * from './metric-codes.js';
export { GAMMA, ZERO_BIN, binOf, binValue, quantile } from './histogram.js';
export {
  DIMENSIONS,
  BUCKET_DIMENSIONS,
  ALL,
  NONE,
  dimensionValues,
  type Dimension,
  type BucketDimension,
} from './metric-dimensions.js';
export { teamAgent, parseTeamAgent } from './team-agent.js';
export {
  OTHER,
  DECLARABLE_DIMENSIONS,
  ADMITTED_DIMENSIONS,
  dimensionFold,
  foldValue,
  valuesToAdmit,
  withAdmitted,
  type DimensionFold,
  type DeclarableDimension,
  type AdmittedDimension,
} from './dimension-fold.js';
export {
  ticketMetrics,
  MET,
  BREACHED,
  BACKLOG,
  type MetricFact,
  type TicketMetrics,
} from './ticket-metrics.js';
export {
  QUALITY_COMPONENTS,
  DEFAULT_QUALITY_WEIGHTS,
  DEFAULT_METRICS_SETTINGS,
  longestWindowMs,
  parseSpan,
  type MetricWindow,
  type MetricsSettings,
  type QualityComponent,
} from './metrics-settings.js';
export { summarizeMetrics, type DurationStats, type MetricValues } from './metric-summary.js';
export {
  ticketCounts,
  decodeCountCode,
  FACT_COUNT_CODES,
  type CountCode,
  type TicketCounts,
} from './ticket-counts.js';
export {
  trendFigures,
  trendStepMinutes,
  MAX_TREND_SLICES,
  type TrendFigures,
} from './trend-figures.js';
export { REPEAT_WITHIN, repeatContacts } from './repeat-contacts.js';
export { multisetChanges, multisetDifference } from './multiset-difference.js';
