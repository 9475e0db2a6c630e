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
  type DigestSpec,
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
export {
  DIGEST_EVERY,
  DIGEST_PERIOD_MS,
  digestPeriods,
  lastDigestSlot,
  nextDigestSlot,
  parseDigestAt,
  type DigestEvery,
  type DigestSchedule,
} from './digest-schedule.js';
export { digestFigures, type DigestFigures, type DigestReport } from './digest-figures.js';
export { ALL_TEAMS, digestKey, digestNotifications } from './digest-notifications.js';
export { MAX_DIGESTS, MAX_DIGEST_TEAMS } from './alerting-schema.js';
