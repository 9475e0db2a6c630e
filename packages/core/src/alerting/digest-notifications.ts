import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { formatInstant, type Instant } from '../time/instant.js';
import type { Notification } from './alert-notifications.js';
import type { AlertingSettings, DigestSpec } from './alerting-settings.js';
import type { DigestReport } from './digest-figures.js';
import { deliverableAt } from './quiet-hours.js';

/** How a digest names "every team together" in its ids and keys. */
export const ALL_TEAMS = 'all';

/**
 * The digest of one slot for one team (`ALL_TEAMS` for every team together), e.g.
 * `digest/emea-weekly/emea/2026-12-07T07:00:00Z`: the alert key of its notifications, and
 * what is claimed in Redis so that one alerter sends it.
 */
export const digestKey = (digest: string, team: string, slot: Instant): string =>
  `digest/${digest}/${team}/${formatInstant(slot)}`;

/**
 * The notifications of one digest report, one per receiver the digest names: the ids are
 * `digest/<id>/<team>/<slot>/<receiver>`, the same whoever computes them, so the queue
 * takes each once. A trigger that nothing resolves; quiet hours hold it like any level
 * unless the receiver's `except` lists `digest`. Pure.
 */
export function digestNotifications(
  spec: DigestSpec,
  slot: Instant,
  report: DigestReport,
  now: Instant,
  settings: AlertingSettings,
  calendar: (id: string) => BusinessCalendar,
): Notification[] {
  const receivers = new Map(settings.receivers.map((r) => [r.id, r]));
  const key = digestKey(spec.id, report.team ?? ALL_TEAMS, slot);
  const out: Notification[] = [];
  for (const receiver of spec.receivers) {
    const r = receivers.get(receiver);
    if (!r) continue;
    out.push({
      id: `${key}/${receiver}`,
      receiver,
      action: 'trigger',
      alertKey: key,
      // Of no ticket: the delivery history keeps it in its log only.
      ticketId: '',
      cycle: null,
      labels: {
        team: report.team,
        priority: null,
        policy: null,
        clock: null,
        level: 'digest',
        customerTier: null,
      },
      time: slot,
      deadline: null,
      digest: report,
      deliverAt: deliverableAt(r, 'digest', now, calendar),
    });
  }
  return out;
}
