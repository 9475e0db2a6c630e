import { NO_ALERTING, type AlertingSettings } from '../alerting/alerting-settings.js';
import { ALWAYS_OPEN_CALENDAR_ID } from '../calendar/always-open-calendar.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { CalendarLookup } from '../clock/calendar-lookup.js';
import type { ClockSettings } from '../clock/clock.js';
import { FURTHER_CLOCK_KINDS, type ClockKind, type TicketStatus } from '../contract/vocabulary.js';
import { matchPolicy, type MatchableTicket } from './match-policy.js';
import { DEFAULT_PAUSE_ON, type Policy } from './policy.js';
import { DEFAULT_METRICS_SETTINGS, type MetricsSettings } from '../metrics/metrics-settings.js';
import { dimensionFold, type DimensionFold } from '../metrics/dimension-fold.js';

/**
 * The validated policies with their compiled calendars: everything the engine needs to
 * fold events. Built once per policy document and shared.
 */
export interface PolicySet {
  readonly policies: readonly Policy[];
  readonly calendar: CalendarLookup;
  /** Rolling windows and quality weights of the document's `metrics` section. */
  readonly metrics: MetricsSettings;
  /** Receivers and routes of the document's `alerting` section. */
  readonly alerting: AlertingSettings;
  /** The declared dimensions' values: the rest count as `other` (metric-dimensions.ts). */
  readonly dimensionFold: DimensionFold;
  byId(id: string | null): Policy | null;
  match(ticket: MatchableTicket): Policy | null;
}

/** Whether any of `policies` targets `kind`. */
const targetedBy = (policies: readonly Policy[], kind: ClockKind): boolean =>
  policies.some((p) => p.targets[kind] !== undefined);

export function createPolicySet(
  policies: readonly Policy[],
  calendars: ReadonlyMap<string, BusinessCalendar>,
  metrics: MetricsSettings = DEFAULT_METRICS_SETTINGS,
  alerting: AlertingSettings = NO_ALERTING,
): PolicySet {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const furtherClocks = FURTHER_CLOCK_KINDS.filter((k) => targetedBy(policies, k));
  return {
    policies,
    metrics: { ...metrics, furtherClocks },
    alerting,
    dimensionFold: dimensionFold(metrics, policies),
    calendar: (id) => {
      const calendar = calendars.get(id);
      if (!calendar) throw new Error(`unknown calendar "${id}"`);
      return calendar;
    },
    byId: (id) => (id === null ? null : (byId.get(id) ?? null)),
    match: (ticket) => matchPolicy(policies, ticket),
  };
}

/** The settings a clock of `kind` runs under with `policy` in force (null: no policy). */
export function clockSettings(policy: Policy | null, kind: ClockKind): ClockSettings {
  if (policy === null) return { target: null, calendar: ALWAYS_OPEN_CALENDAR_ID, warnAt: [] };
  return { target: policy.targets[kind] ?? null, calendar: policy.calendar, warnAt: policy.warnAt };
}

export const pauseStatuses = (policy: Policy | null): readonly TicketStatus[] =>
  policy?.pauseOn ?? DEFAULT_PAUSE_ON;

/**
 * Whether any policy of the document targets `kind`. The further clocks (docs/events.md)
 * are kept only then: no policy change can give a kind that nobody targets a target, and
 * a ticket's state (and the work of folding it) stays as it was for documents without them.
 */
export const isTargeted = (policies: PolicySet, kind: ClockKind): boolean =>
  targetedBy(policies.policies, kind);
