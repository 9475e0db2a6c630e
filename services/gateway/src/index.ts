export { buildGateway, type GatewayOptions } from './gateway.js';
export type { DeltaSource, GatewayDeps, ReadinessCheck } from './gateway-deps.js';
export { LiveHub } from './live/live-hub.js';
export { DEFAULT_LIVE_OPTIONS, type LiveOptions } from './live/live-options.js';
export { DEFAULT_SIMULATE_LIMITS, type SimulateLimits } from './simulate/simulate-limits.js';
export { DEFAULT_INGEST_LIMITS, type IngestLimits } from './ingest/ingest-limits.js';
export { DEFAULT_JOB_LIMITS, type JobLimits } from './jobs/job-limits.js';
export { JobStore } from './jobs/job-store.js';
export type { History, HistoryReadOptions, HistorySource } from './jobs/history-source.js';
export { KafkaEventSink, type EventMessage, type EventSink } from './ingest/event-sink.js';
export { HELPDESK_ADAPTERS } from './ingest/helpdesk-adapters.js';
export {
  contractChannel as zendeskChannel,
  contractPriority as zendeskPriority,
  contractStatus as zendeskStatus,
} from './ingest/zendesk/zendesk-vocabulary.js';
export type { HelpdeskAdapter, MappedDelivery, WebhookRequest } from './ingest/helpdesk-adapter.js';
export { CLOSE as LIVE_CLOSE_CODES } from './live/close-codes.js';
export { TokenStore, type ConfiguredToken } from './auth/token-store.js';
export { SCOPES, type Scope, type Principal } from './auth/principal.js';
export { SlaExposition } from './prometheus/sla-exposition.js';
export {
  startGateway,
  type GatewayConfig,
  type GatewayContext,
  type KafkaAdminSource,
} from './start-gateway.js';
