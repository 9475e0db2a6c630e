import type { Notification } from '../alerting/alert-notifications.js';
import { ticketNotifications } from '../alerting/alert-notifications.js';
import { feedbackNotifications } from '../alerting/feedback-notifications.js';
import { alertCloudEvent, type AlertCloudEvent } from '../alerts/alert-cloud-event.js';
import type { AlertTransition } from '../alerts/alert-transition.js';
import { riskListing, type RiskListing } from '../alerts/risk-listing.js';
import { EVENT_TYPES } from '../contract/vocabulary.js';
import { followUpListing, type FollowUpListing } from '../follow-up/follow-up-listing.js';
import type { DimensionFold } from '../metrics/dimension-fold.js';
import { dimensionValues } from '../metrics/metric-dimensions.js';
import { ticketCounts } from '../metrics/ticket-counts.js';
import { ticketMetrics } from '../metrics/ticket-metrics.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { TicketAdvance } from '../ticket/advance-ticket.js';
import { ticketView } from '../ticket/ticket-view.js';
import type { CompactEvent } from '../ticket/compact-event.js';
import type { Instant } from '../time/instant.js';
import type { MetricUpdate } from './metric-update.js';
import type { TicketDelta } from './ticket-delta.js';

/** A ticket's record as it was read, version 0 when it had none. */
export interface ReadTicket {
  readonly version: number;
  readonly history: readonly CompactEvent[];
  readonly marks: readonly string[];
  readonly next: Instant | null;
}

/** A record to save, with the version it was read at (the store compares and sets). */
export interface TicketSave {
  readonly ticketId: string;
  readonly readVersion: number;
  readonly history: readonly CompactEvent[];
  readonly marks: readonly string[];
  readonly next: Instant | null;
  /** 0 keeps the record; otherwise it expires after this many ms (finished tickets). */
  readonly ttlMs: number;
}

/** What one decision depends on besides the ticket. */
export interface DecisionContext {
  readonly now: Instant;
  readonly policies: PolicySet;
  /** The policy set's fold with the undeclared dimensions' values already admitted. */
  readonly fold: DimensionFold;
  /** How long closed and deleted tickets are kept, and breaches and low surveys listed. */
  readonly retentionMs: number;
  /** Whether receivers' notifications are wanted (absent, alerts go to `sla.alerts` only). */
  readonly notify: boolean;
}

/**
 * Everything the store must do for one ticket after a batch or a timer. When nothing is
 * saved, only `timer` and `metrics` are set (the rest is empty): they are repeated on
 * every attempt so the last writer of a record is the last to set them.
 */
export interface TicketDecision {
  readonly ticketId: string;
  readonly duplicates: number;
  /** The instant the ticket's timer is set to (null clears it). */
  readonly timer: Instant | null;
  readonly save: TicketSave | null;
  readonly metrics: MetricUpdate;
  readonly transitions: readonly AlertTransition[];
  readonly alerts: readonly AlertCloudEvent[];
  readonly notifications: readonly Notification[];
  readonly listings: readonly RiskListing[];
  /** The ticket's low surveys, for the follow-up list (or off it, when it was deleted). */
  readonly followUps: readonly FollowUpListing[];
  /** For the live stream; null when the record's events and marks did not change. */
  readonly delta: TicketDelta | null;
  /** The marks to take off the lists, when this save is the ticket's deletion. */
  readonly deletedMarks: readonly string[] | null;
}

const DELETED = EVENT_TYPES.indexOf('ticket.deleted');
const NONE: readonly never[] = [];

/**
 * The decision a batch makes for one ticket, pure: from the record read and its advance
 * (`advanceTicket`, done once by the caller so the undeclared dimension values can be
 * admitted between the two), what to save, announce, notify, list, publish and count.
 */
export function decideTicket(
  read: ReadTicket,
  a: TicketAdvance,
  ctx: DecisionContext,
): TicketDecision {
  const { now, policies, fold } = ctx;
  const ticketId = a.state.ticketId;
  const ttlMs = a.finished ? ctx.retentionMs : 0;
  const write = a.changed || a.next !== read.next;
  // Metrics follow the record version they reflect: a replay finds them applied.
  const metrics: MetricUpdate = {
    ticketId,
    version: read.version + (write ? 1 : 0),
    metrics: ticketMetrics(a.state, now, { ...policies, dimensionFold: fold }),
    counts: ticketCounts(a.state, a.history, a.marks, now, policies),
    ...(a.state.deleted && a.state.createdAt !== null
      ? { seriesDims: dimensionValues(a.state, fold) }
      : {}),
    ttlMs,
  };
  // Object literals of one shape, no spreads: this runs for every ticket of every batch.
  if (!write)
    return {
      ticketId,
      duplicates: a.duplicates,
      timer: a.next,
      save: null,
      metrics,
      transitions: NONE,
      alerts: NONE,
      notifications: NONE,
      listings: NONE,
      followUps: NONE,
      delta: null,
      deletedMarks: null,
    };
  const stored = read.version === 0 ? null : read;
  const followUps =
    a.state.surveys.length === 0 && !a.state.deleted
      ? NONE
      : followUpListing(a.state, a.history, now - ctx.retentionMs);
  return {
    ticketId,
    duplicates: a.duplicates,
    timer: a.next,
    save: {
      ticketId,
      readVersion: read.version,
      history: a.history,
      marks: a.marks,
      next: a.next,
      ttlMs,
    },
    metrics,
    transitions: a.transitions,
    alerts: a.transitions.map((t) => alertCloudEvent(t, a.state)),
    notifications: ctx.notify ? notificationsOf(a, stored, followUps, now, policies) : NONE,
    listings: riskListing(a.state, now, policies, a.marks),
    followUps,
    delta: a.changed ? deltaOf(a, now, policies) : null,
    deletedMarks:
      a.state.deleted && !stored?.history.some((e) => e[0] === DELETED) ? a.marks : null,
  };
}

/**
 * The receivers' notifications of a saved step: those of its alert transitions, then the
 * `feedback` of low surveys it newly puts on the follow-up list.
 */
function notificationsOf(
  a: TicketAdvance,
  stored: ReadTicket | null,
  followUps: readonly FollowUpListing[],
  now: Instant,
  policies: PolicySet,
): readonly Notification[] {
  const { alerting, calendar } = policies;
  const transitions =
    a.transitions.length > 0
      ? ticketNotifications(a.transitions, a.state, stored?.marks ?? [], alerting, calendar)
      : NONE;
  if (alerting.feedback === null || followUps.length === 0) return transitions;
  const feedback = feedbackNotifications(
    followUps,
    a.state,
    stored?.history ?? [],
    now,
    alerting,
    calendar,
  );
  return feedback.length === 0 ? transitions : [...transitions, ...feedback];
}

// The view only for a delta: formatting its instants is most of an advance's garbage.
const deltaOf = (a: TicketAdvance, now: Instant, policies: PolicySet): TicketDelta => ({
  ticketId: a.state.ticketId,
  deleted: a.state.deleted,
  view: ticketView(a.state, now, policies),
  team: a.state.fields.team ?? null,
  queue: a.state.fields.queue ?? null,
  priority: a.state.fields.priority,
});
