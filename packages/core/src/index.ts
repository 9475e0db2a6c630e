/**
 * @slawatch/core: the pure SLA engine. Everything that decides what an event means
 * (validation, policy matching, calendars, clocks, deadlines) lives here, with `now`
 * passed in; the services only call it.
 */
export * from './calendar/index.js';
export * from './contract/vocabulary.js';
export type {
  AcceptedEvent,
  AttributeValue,
  Attributes,
  EventDataByType,
  TicketEvent,
  TicketFieldChanges,
} from './contract/ticket-event.js';
export { eventKey } from './contract/ticket-event.js';
export { decodeEvent, validateEvent, type EventValidation } from './contract/validate-event.js';
export {
  acceptEvent,
  DEFAULT_MAX_FUTURE_MS,
  eventSizeRule,
  eventTimeAheadRule,
  utf8Length,
  type EventVerdict,
  type MessageLimits,
} from './contract/accept-event.js';
export {
  EARLIEST_EVENT_TIME,
  EVENT_TIME_END,
  EVENT_TIME_RANGE_RULE,
  isAcceptedEventTime,
} from './contract/event-time-range.js';
export { MAX_EVENT_DEPTH } from './contract/nesting-depth.js';
export { formatInstant, parseInstant, type Instant } from './time/instant.js';
export {
  describeProblem,
  problemsFromZod,
  type ValidationProblem,
} from './validation/validation-problem.js';
export { issueMessage } from './validation/issue-message.js';
export { parseDuration } from './policy/duration.js';
export type { Policy, PolicyMatch } from './policy/policy.js';
export type { PolicyDocument } from './policy/policy-document.js';
export { createPolicySet, type PolicySet } from './policy/policy-set.js';
export {
  loadPolicyDocument,
  parsePolicyDocument,
  type PolicyLoad,
} from './policy/parse-policy-document.js';
export type { Clock, ClockOutcome } from './clock/clock.js';
export type { TicketState, TicketFields, Survey } from './ticket/ticket-state.js';
export { emptyTicket } from './ticket/ticket-state.js';
export { applyEvent } from './ticket/apply-event.js';
export { foldTicket, orderEvents, isInOrder, byEventOrder } from './ticket/fold-ticket.js';
export {
  ticketView,
  evaluateClock,
  type TicketView,
  type ClockView,
  type ClockState,
} from './ticket/ticket-view.js';
export { ticketTimers, type ClockTimer } from './ticket/ticket-timers.js';
export {
  simulate,
  simulationSteps,
  type SimulationProgress,
  type SimulationInput,
  type SimulationResult,
  type RejectedEvent,
} from './simulate/simulate.js';
export { parseNdjson } from './simulate/parse-ndjson.js';
export {
  comparePolicies,
  comparisonSteps,
  type ComparisonProgress,
  type BacktestReport,
  type BacktestRow,
  type BacktestWindow,
  type ChangedTicket,
  type ClockChange,
  type OutcomeName,
  type Outcomes,
} from './backtest/compare-policies.js';
export { appendEvents, type AppendResult } from './ticket/append-events.js';
export {
  encodeCompact,
  decodeCompact,
  hashKey,
  type CompactEvent,
} from './ticket/compact-event.js';
export { advanceTicket, type StoredTicket, type TicketAdvance } from './ticket/advance-ticket.js';
export { alertTransitions } from './alerts/alert-transitions.js';
export { riskListing, type RiskListing } from './alerts/risk-listing.js';
export { followUpListing, type FollowUpListing } from './follow-up/follow-up-listing.js';
export { isLowScore, LOW_SCORE_AT_MOST } from './follow-up/low-score.js';
export type { AlertTransition, AlertType } from './alerts/alert-transition.js';
export { alertCloudEvent, type AlertCloudEvent } from './alerts/alert-cloud-event.js';
export * from './metrics/index.js';
export {
  decideTicket,
  type DecisionContext,
  type ReadTicket,
  type TicketDecision,
  type TicketSave,
} from './decision/decide-ticket.js';
export { valuesAsked } from './decision/values-asked.js';
export type { MetricUpdate } from './decision/metric-update.js';
export type { TicketDelta } from './decision/ticket-delta.js';
export * from './alerting/index.js';
export * from './forecast/index.js';
export {
  periodReport,
  periodReportSteps,
  REPORT_DIMENSIONS,
  type BreachedClock,
  type PeriodReport,
  type ReportDimension,
  type ReportFigures,
  type ReportOptions,
  type ReportPeriod,
} from './report/period-report.js';
export { reportCsv } from './report/report-csv.js';
export { reportHtml } from './report/report-html.js';
export { reportFromJson, reportJson, type ReportJson } from './report/report-json.js';
export { csvField, csvText } from './csv/csv-text.js';
export { leafAt, type CoversLeaves, type Holds, type LeafPath } from './csv/leaf-path.js';
export { metricsColumns } from './csv/metrics-columns.js';
export { trendColumns } from './csv/trend-columns.js';
export { CLOCK_NAME } from './contract/clock-names.js';
