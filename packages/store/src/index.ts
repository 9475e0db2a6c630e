export { createKeys, laneTags, slotOf, type Keys } from './keys.js';
export {
  createRedisClient,
  duplicateClient,
  type DuplicateOptions,
  type RedisClient,
  type RedisTarget,
} from './redis-client.js';
export { TIMER_QUEUE, notificationQueueName } from './queue-names.js';
export { TicketStore } from './tickets/ticket-store.js';
export type { TicketRecord, TicketWrite } from './tickets/ticket-record.js';
export {
  TimerQueue,
  wakeJobId,
  type DueTimer,
  type TimerSetting,
  type WakeJob,
} from './timers/timer-queue.js';
export { LiveIndex } from './live/live-index.js';
export { followUpMember, parseFollowUpMember } from './live/follow-up-member.js';
export type { LiveDelta, TicketDelta } from './live/live-delta.js';
export { DeltaSubscriber, type Unsubscribe } from './live/delta-subscriber.js';
export { ScriptCode } from './scripts.js';
export { readTicketView } from './tickets/read-ticket-view.js';
export {
  finishUpdate,
  saveTickets,
  updateTickets,
  type SavedUpdate,
  type UpdateDeps,
  type UpdateResult,
} from './tickets/update-tickets.js';
export {
  MetricWindows,
  type MetricUpdate,
  type MetricsReport,
  type AgentsReport,
  type MetricsTrend,
} from './metrics/metric-windows.js';
export { minuteSpanMs } from './metrics/bucket-ranges.js';
export {
  DEFAULT_LIST_SCAN_LIMIT,
  LiveLists,
  type FollowUp,
  type ListedClock,
  type ListFilters,
  type ListReadOptions,
  type OpenTicketsAsked,
  type OutcomesAsked,
} from './live/live-lists.js';
export { readTicket, type StoredTicketView } from './tickets/read-ticket-view.js';
export {
  SlaSeries,
  SERIES_LABELS,
  DEAD_LETTERED,
  DURATION_BOUNDS,
  type SeriesLabels,
  type SlaSeriesSnapshot,
  type ObservedDuration,
} from './metrics/sla-series.js';
export { ExporterLease } from './lease/exporter-lease.js';
export { resolveMetricLanes, type MetricLanes } from './metrics/resolve-metric-lanes.js';
export { ReplicationError, waitForReplicas } from './wait-for-replicas.js';
export {
  NotificationQueue,
  DEFAULT_DELIVERY,
  BATCH_MAX,
  retryDelay,
  type DeliveryPolicy,
  type NotificationBatch,
  type QueuedNotification,
} from './notifications/notification-queue.js';
export {
  notificationJobId,
  batchJobId,
  handOverJobId,
} from './notifications/notification-job-id.js';
export { DeliveryClaims, DELIVERED } from './notifications/delivery-claims.js';
export { DigestLedger, HEADLINE_TTL_MS, type SentHeadline } from './notifications/digest-ledger.js';
export {
  NotificationLog,
  type DeliveryOutcome,
  type DeliveryRecord,
} from './notifications/notification-log.js';
export {
  createStoreAdapters,
  type StoreAdapterOptions,
  type StoreAdapters,
} from './store-adapters.js';
export { redisAdvice } from './redis-advice.js';
export {
  DEFAULT_FORECAST_SCAN_LIMIT,
  FORECAST_REFRESH_MS,
  ForecastBoard,
  type Forecast,
  type ForecastBoardDeps,
  type ForecastEntry,
} from './forecast/forecast-board.js';
