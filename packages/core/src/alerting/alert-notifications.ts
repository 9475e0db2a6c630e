import type { AlertTransition } from '../alerts/alert-transition.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { ClockKind, SurveyKind } from '../contract/vocabulary.js';
import type { TicketState } from '../ticket/ticket-state.js';
import type { Instant } from '../time/instant.js';
import type { AlertLabels, AlertLevel } from './alert-labels.js';
import type { AlertingSettings } from './alerting-settings.js';
import type { DigestReport } from './digest-figures.js';
import { deliverableAt } from './quiet-hours.js';
import { routeAlert } from './route-alert.js';

/** One message to one receiver about one alert: raise it, or say it is over. */
export interface Notification {
  /** The idempotency key: one per alert transition and receiver, however often computed. */
  readonly id: string;
  readonly receiver: string;
  readonly action: 'trigger' | 'resolve';
  /** The alert, the same for its trigger and its resolve: ticket, clock, cycle, level. */
  readonly alertKey: string;
  readonly ticketId: string;
  /** The clock's cycle; null for `feedback`, which has no clock. */
  readonly cycle: number | null;
  readonly labels: AlertLabels;
  /** When it happened: the crossing, the deadline, the reminder, the stop or pause. */
  readonly time: Instant;
  readonly deadline: Instant | null;
  readonly threshold?: number;
  /** For forecasts: the probability of the breach, 0..1. */
  readonly probability?: number;
  /** For reminders: how long after the deadline (ms). */
  readonly after?: number;
  /** For `feedback`: the low survey, and the ticket's assignee when it was decided. */
  readonly feedback?: {
    readonly kind: SurveyKind;
    readonly score: number;
    readonly assignee: string | null;
  };
  /** For a `digest` (of no ticket: `ticketId` is empty): the report it carries. */
  readonly digest?: DigestReport;
  /** Not before: the end of the receiver's quiet hours, or `time`. */
  readonly deliverAt: Instant;
}

const LEVEL: Partial<Record<AlertTransition['type'], AlertLevel>> = {
  'sla.at_risk': 'at_risk',
  'sla.breached': 'breach',
  'sla.reminder': 'reminder',
};
const LEVEL_OF_MARK: Record<string, AlertLevel> = {
  at_risk: 'at_risk',
  breached: 'breach',
  reminder: 'reminder',
};

/**
 * The notifications of one ticket's alert transitions of one step, in order, given the
 * alert marks stored before the step (the alerts already raised): each at-risk crossing,
 * breach and reminder goes to the receivers its route names; a resolve (or a correction)
 * goes, for each level still open on the clock, to the receivers that level was routed
 * to, so every receiver hears the end of what it was told. Pure.
 */
export function ticketNotifications(
  transitions: readonly AlertTransition[],
  state: TicketState,
  storedMarks: readonly string[],
  settings: AlertingSettings,
  calendar: (id: string) => BusinessCalendar,
): Notification[] {
  if (settings.receivers.length === 0 || transitions.length === 0) return [];
  const receivers = new Map(settings.receivers.map((r) => [r.id, r]));
  const open = new Map<string, Set<AlertLevel>>();
  const openOn = (clock: string, cycle: number) => {
    const key = `${clock}:${cycle}`;
    let levels = open.get(key);
    if (!levels) open.set(key, (levels = new Set()));
    return levels;
  };
  for (const mark of storedMarks) {
    const [clock, cycle, what = ''] = mark.split(':');
    const levels = openOn(clock!, Number(cycle));
    if (what.startsWith('resolved')) levels.clear();
    else if (LEVEL_OF_MARK[what]) levels.add(LEVEL_OF_MARK[what]);
  }
  const labelsFor = (clock: ClockKind, level: AlertLevel): AlertLabels => ({
    team: state.fields.team ?? null,
    priority: state.fields.priority,
    policy: state.policyId,
    clock,
    level,
    customerTier: state.fields.customerTier ?? null,
  });
  const out: Notification[] = [];
  const emit = (t: AlertTransition, level: AlertLevel, action: Notification['action']) => {
    const labels = labelsFor(t.clock, level);
    for (const receiver of routeAlert(settings.route, labels)) {
      const spec = receivers.get(receiver);
      if (!spec) continue;
      out.push({
        id: `${t.ticketId}/${t.mark}/${receiver}${action === 'resolve' ? `/${level}` : ''}`,
        receiver,
        action,
        alertKey: `${t.ticketId}/${t.clock}/${t.cycle}/${level}`,
        ticketId: t.ticketId,
        cycle: t.cycle,
        labels,
        time: t.time,
        deadline: t.deadline,
        ...(t.threshold === undefined ? {} : { threshold: t.threshold }),
        ...(t.after === undefined ? {} : { after: t.after }),
        deliverAt: deliverableAt(spec, level, t.time, calendar),
      });
    }
  };
  for (const t of transitions) {
    const levels = openOn(t.clock, t.cycle);
    const level = LEVEL[t.type];
    if (level) {
      emit(t, level, 'trigger');
      levels.add(level);
    } else if (t.type === 'sla.resolved') {
      for (const l of levels) emit(t, l, 'resolve');
      levels.clear();
    } else if (t.type === 'sla.corrected') {
      // The breach did not happen: its alert (and its reminders) end now.
      for (const l of ['breach', 'reminder'] as const) if (levels.delete(l)) emit(t, l, 'resolve');
    }
  }
  return out;
}
