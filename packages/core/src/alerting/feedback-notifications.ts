import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { EVENT_TYPES } from '../contract/vocabulary.js';
import type { FollowUpListing } from '../follow-up/follow-up-listing.js';
import type { CompactEvent } from '../ticket/compact-event.js';
import type { TicketState } from '../ticket/ticket-state.js';
import type { Instant } from '../time/instant.js';
import type { AlertLabels } from './alert-labels.js';
import type { Notification } from './alert-notifications.js';
import type { AlertingSettings } from './alerting-settings.js';
import { deliverableAt } from './quiet-hours.js';
import { routeAlert } from './route-alert.js';

const CREATED = EVENT_TYPES.indexOf('ticket.created');
const DELETED = EVENT_TYPES.indexOf('ticket.deleted');
const SURVEYED = EVENT_TYPES.indexOf('ticket.surveyed');

/**
 * The keys of the surveys the stored record's state holds: those of its history (in event
 * order, as every saved history is) after the ticket's creation and before its deletion,
 * as the fold takes them (applyEvent). A survey stored before its ticket's creation arrived
 * is not among them, so the creation that lists it also announces it.
 */
function surveysFolded(history: readonly CompactEvent[]): Set<string> {
  const keys = new Set<string>();
  let created = false;
  for (const [type, , , key] of history) {
    if (type === CREATED) created = true;
    else if (!created) continue;
    else if (type === DELETED) break;
    else if (type === SURVEYED) keys.add(key);
  }
  return keys;
}

/**
 * The `feedback` notifications of one ticket's decision (with `alerting.feedback`): each
 * low survey its follow-up listings put on the list that the stored record did not hold
 * (`storedHistory`), at or under the configured scores, goes to the receivers its route
 * names. A listing decided again (a later change of the ticket, a replayed batch) is not
 * new, and the ids are one per survey and receiver (the survey's key is the follow-up
 * member's), so a survey is announced once. Triggers only: nothing resolves a survey.
 * Quiet hours hold it from its time, or from `now` for a survey dated ahead. Pure.
 */
export function feedbackNotifications(
  followUps: readonly FollowUpListing[],
  state: TicketState,
  storedHistory: readonly CompactEvent[],
  now: Instant,
  settings: AlertingSettings,
  calendar: (id: string) => BusinessCalendar,
): Notification[] {
  const feedback = settings.feedback;
  if (feedback === null || settings.receivers.length === 0) return [];
  const atMost = { csat: feedback.csatAtMost, nps: feedback.npsAtMost };
  const fresh = followUps.filter((f) => f.listed && f.score <= atMost[f.kind]);
  if (fresh.length === 0) return [];
  const before = surveysFolded(storedHistory);
  const specs = new Map(settings.receivers.map((r) => [r.id, r]));
  const ticketId = state.ticketId;
  const labels: AlertLabels = {
    team: state.fields.team ?? null,
    priority: state.fields.priority,
    policy: state.policyId,
    clock: null,
    level: 'feedback',
    customerTier: state.fields.customerTier ?? null,
  };
  const receivers = routeAlert(settings.route, labels);
  const out: Notification[] = [];
  for (const f of fresh) {
    if (before.has(f.key)) continue;
    for (const receiver of receivers) {
      const spec = specs.get(receiver);
      if (!spec) continue;
      out.push({
        id: `${ticketId}/${f.kind}:${f.key}:feedback/${receiver}`,
        receiver,
        action: 'trigger',
        alertKey: `${ticketId}/${f.kind}/${f.key}/feedback`,
        ticketId,
        cycle: null,
        labels,
        time: f.at,
        deadline: null,
        feedback: { kind: f.kind, score: f.score, assignee: state.fields.assigneeId ?? null },
        deliverAt: deliverableAt(spec, 'feedback', Math.min(f.at, now), calendar),
      });
    }
  }
  return out;
}
