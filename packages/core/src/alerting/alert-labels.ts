import type { ClockKind, Priority } from '../contract/vocabulary.js';

/**
 * The notification levels of one clock (issue 7): at-risk at each `warnAt` threshold,
 * the breach, and reminders at set times after it; and, when `alerting.forecast` asks for
 * it, `forecast`: the clock is likely to breach within the hour (docs/forecast.md). With
 * the ticket, clock and cycle a level names one alert, whatever channel it goes out on.
 * `feedback` (with `alerting.feedback`) is of no clock: a low survey score newly on the
 * follow-up list, named by the ticket and the survey. `digest` (with `alerting.digests`) is of
 * no ticket: a scheduled report of a period's headline figures, never routed (the digest
 * names its receivers), which quiet hours may hold like any level.
 */
export const ALERT_LEVELS = [
  'at_risk',
  'breach',
  'reminder',
  'forecast',
  'feedback',
  'digest',
] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** What routes match on: never a ticket, requester or agent id. */
export interface AlertLabels {
  readonly team: string | null;
  /** Null for a `digest`, which is about a period, not a ticket. */
  readonly priority: Priority | null;
  readonly policy: string | null;
  /** Null for `feedback`, which is about a survey, not a clock (a route's `""` matches it). */
  readonly clock: ClockKind | null;
  readonly level: AlertLevel;
  readonly customerTier: string | null;
}

/** The labels a route may match, in the order the documentation lists them. */
export const ROUTE_LABELS = [
  'team',
  'priority',
  'policy',
  'clock',
  'level',
  'customerTier',
] as const;
export type RouteLabel = (typeof ROUTE_LABELS)[number];
