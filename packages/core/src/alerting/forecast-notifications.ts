import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { Instant } from '../time/instant.js';
import type { AlertLabels } from './alert-labels.js';
import type { Notification } from './alert-notifications.js';
import type { AlertingSettings } from './alerting-settings.js';
import { deliverableAt } from './quiet-hours.js';
import { routeAlert } from './route-alert.js';

/** A clock the breach forecast gives a high probability: one `forecast` alert. */
export interface ForecastAlert {
  readonly ticketId: string;
  readonly cycle: number;
  readonly deadline: Instant;
  readonly probability: number;
  /** `level` is `forecast`. */
  readonly labels: AlertLabels;
}

/**
 * The notifications of a forecast alert: its trigger, to the receivers its route names,
 * or its resolve (the clock stopped, breached or went away), to `receivers`, those its
 * trigger went to. Ids are one per alert, action and receiver, so a trigger computed again
 * (another alerter, the next minute) is the same notification. Pure.
 */
export function forecastNotifications(
  alert: ForecastAlert,
  action: Notification['action'],
  time: Instant,
  settings: AlertingSettings,
  calendar: (id: string) => BusinessCalendar,
  receivers: readonly string[] = routeAlert(settings.route, alert.labels),
): Notification[] {
  const specs = new Map(settings.receivers.map((r) => [r.id, r]));
  const { ticketId, cycle, labels } = alert;
  const mark = `${labels.clock}:${cycle}:forecast`;
  return receivers.flatMap((receiver): Notification[] => {
    const spec = specs.get(receiver);
    if (!spec) return [];
    return [
      {
        id: `${ticketId}/${mark}/${receiver}${action === 'resolve' ? '/resolve' : ''}`,
        receiver,
        action,
        alertKey: `${ticketId}/${labels.clock}/${cycle}/forecast`,
        ticketId,
        cycle,
        labels,
        time,
        deadline: alert.deadline,
        probability: alert.probability,
        deliverAt: deliverableAt(spec, 'forecast', time, calendar),
      },
    ];
  });
}
