export {
  ALERT_LEVELS,
  ROUTE_LABELS,
  type AlertLabels,
  type AlertLevel,
  type RouteLabel,
} from './alert-labels.js';
export {
  NO_ALERTING,
  type AlertingSettings,
  type EnvRef,
  type FeedbackSettings,
  type ReceiverSpec,
  type ReceiverType,
  type RouteSpec,
} from './alerting-settings.js';
export { alertingEnv, alertingProblems } from './alerting-problems.js';
export { routeAlert } from './route-alert.js';
export { deliverableAt } from './quiet-hours.js';
export { ticketNotifications, type Notification } from './alert-notifications.js';
export { forecastNotifications, type ForecastAlert } from './forecast-notifications.js';
export { feedbackNotifications } from './feedback-notifications.js';
