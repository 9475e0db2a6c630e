export { createKeys, type Keys } from './keys.js';
export { TicketStore } from './ticket-store.js';
export type { TicketRecord, TicketWrite } from './ticket-record.js';
export {
  TimerQueue,
  TIMER_QUEUE,
  wakeJobId,
  type DueTimer,
  type TimerSetting,
  type WakeJob,
} from './timer-queue.js';
export { LiveIndex } from './live-index.js';
export type { LiveDelta, TicketDelta } from './live-delta.js';
export { DeltaSubscriber, type Unsubscribe } from './delta-subscriber.js';
export { ScriptCode } from './scripts.js';
export { readTicketView } from './read-ticket-view.js';
export { updateTickets, type UpdateDeps, type UpdateResult } from './update-tickets.js';
export {
  MetricWindows,
  type MetricUpdate,
  type MetricsReport,
  type MetricsTrend,
} from './metric-windows.js';
export {
  DEFAULT_LIST_SCAN_LIMIT,
  LiveLists,
  type ListedClock,
  type ListFilters,
  type ListReadOptions,
} from './live-lists.js';
export { readTicket, type StoredTicketView } from './read-ticket-view.js';
export {
  SlaSeries,
  SERIES_LABELS,
  DEAD_LETTERED,
  DURATION_BOUNDS,
  type SeriesLabels,
  type SlaSeriesSnapshot,
  type ObservedDuration,
} from './sla-series.js';
export { ExporterLease } from './exporter-lease.js';
export {
  NotificationQueue,
  DEFAULT_DELIVERY,
  notificationJobId,
  notificationQueueName,
  retryDelay,
  type DeliveryPolicy,
} from './notification-queue.js';
export { NotificationLog, type DeliveryOutcome, type DeliveryRecord } from './notification-log.js';
export {
  createStoreAdapters,
  type StoreAdapterOptions,
  type StoreAdapters,
} from './store-adapters.js';
