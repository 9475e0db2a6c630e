export { createAlerter, type Alerter, type AlerterOptions } from './alerter.js';
export {
  createNotifier,
  type DeliveryStats,
  type Notifier,
  type NotifierOptions,
} from './delivery/notifier.js';
export { webhookSignature } from './delivery/webhook-receiver.js';
export { ForecastAlerts, type ForecastAlertsOptions } from './forecast-alerts.js';
export { digestLink, ScheduledDigests, type ScheduledDigestsOptions } from './scheduled-digests.js';
export type { NotificationBody } from './delivery/notification-body.js';
export { deliveryPolicy } from './delivery-policy.js';
export { startAlerter, type AlerterContext } from './start-alerter.js';
export { startNotifier, type NotifierContext } from './start-notifier.js';
