import type { AlertingSettings } from '../alerting/alerting-settings.js';
import type { CalendarSpec } from '../calendar/calendar-spec.js';
import type { MetricsSettings } from '../metrics/metrics-settings.js';
import type { Policy } from './policy.js';

/** A validated policy document (docs/policies.md): calendars and policies in order. */
export interface PolicyDocument {
  readonly calendars: readonly CalendarSpec[];
  readonly policies: readonly Policy[];
  readonly metrics: MetricsSettings;
  readonly alerting: AlertingSettings;
}
