import {
  advanceTicket,
  alertCloudEvent,
  EVENT_TYPES,
  type AcceptedEvent,
  type AlertCloudEvent,
  type AlertTransition,
  type Notification,
  type PolicySet,
  type TicketAdvance,
  dimensionValues,
  ticketCounts,
  ticketNotifications,
  ticketMetrics,
  riskListing,
  type RiskListing,
  type DeclarableDimension,
  type DimensionFold,
  type TicketState,
  valuesToAdmit,
  withAdmitted,
} from '@slawatch/core';
import type { MetricUpdate, MetricWindows } from './metric-windows.js';
import type { LiveIndex } from './live-index.js';
import type { TicketDelta } from './live-delta.js';
import type { TicketWrite } from './ticket-record.js';
import type { TicketStore } from './ticket-store.js';
import type { TimerQueue, TimerSetting } from './timer-queue.js';

export interface UpdateDeps {
  readonly store: TicketStore;
  readonly index: LiveIndex;
  readonly timers: TimerQueue;
  readonly metrics: MetricWindows;
  readonly policies: PolicySet;
  /** How long closed and deleted tickets are kept. */
  readonly retentionMs: number;
  /** Produces alert CloudEvents (to `sla.alerts`); resolves once they are written. */
  announce(events: readonly AlertCloudEvent[]): Promise<void>;
  /**
   * Queues the notifications of the `alerting` section's receivers (idempotent, like
   * `announce`); absent, alerts go to `sla.alerts` only.
   */
  readonly notifications?: { enqueue(list: readonly Notification[], now: number): Promise<void> };
}

export interface UpdateResult {
  readonly tickets: number;
  readonly duplicates: number;
  readonly transitions: readonly AlertTransition[];
  readonly conflicts: number;
}

const MAX_ATTEMPTS = 20;
const DELETED = EVENT_TYPES.indexOf('ticket.deleted');

const deltaOf = (a: TicketAdvance): TicketDelta => ({
  ticketId: a.state.ticketId,
  deleted: a.state.deleted,
  view: a.view,
  team: a.state.fields.team ?? null,
  queue: a.state.fields.queue ?? null,
  priority: a.state.fields.priority,
});

/**
 * The policy set's dimension fold with the undeclared dimensions bounded too: their values
 * in `states` are put to the cap (`metrics.valuesPerDimension`) before any metric is
 * computed, so a producer inventing teams or queues cannot add buckets, series or
 * picker entries past it.
 */
async function admittedFold(
  deps: UpdateDeps,
  states: readonly TicketState[],
): Promise<DimensionFold> {
  const { dimensionFold: fold, metrics } = deps.policies;
  const asked = new Map<DeclarableDimension, Set<string>>();
  for (const state of states)
    for (const [dimension, value] of valuesToAdmit(state, fold))
      asked.set(dimension, (asked.get(dimension) ?? new Set()).add(value));
  if (asked.size === 0) return fold;
  return withAdmitted(fold, await deps.metrics.admitValues(metrics.valuesPerDimension, asked));
}

/**
 * Brings tickets up to date in Redis, for the tracker (with a batch's events) and the
 * alerter (with none, when a timer fires). The order makes a crash at any point safe to
 * replay: announce the transitions, schedule the timers and update the shared lists (all
 * idempotent), and only then save the records, compare-and-set; the caller commits its
 * Kafka offsets (or completes its job) after this resolves. A record someone else changed
 * meanwhile is read again and done again. The live delta goes out last, so the gateways
 * never read the state it announces before it is there.
 */
export async function updateTickets(
  deps: UpdateDeps,
  incoming: ReadonlyMap<string, readonly AcceptedEvent[]>,
  now: number,
): Promise<UpdateResult> {
  let pending = [...incoming.keys()];
  let duplicates = 0;
  let conflicts = 0;
  const transitions: AlertTransition[] = [];
  const metrics = new Map<string, MetricUpdate>();
  const published: TicketDelta[] = [];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(`tickets kept changing under us: ${pending.slice(0, 5).join(', ')}`);
    const records = await deps.store.load(pending);
    const writes: TicketWrite[] = [];
    const alerts: AlertCloudEvent[] = [];
    const notifications: Notification[] = [];
    const timers: TimerSetting[] = [];
    const deltas: TicketDelta[] = [];
    const round: AlertTransition[] = [];
    const deletedMarks = new Map<string, readonly string[]>();
    const listings: (RiskListing & { ticketId: string })[] = [];
    const advanced = pending.map((ticketId) => {
      const record = records.get(ticketId)!;
      const stored = record.version === 0 ? null : record;
      const a = advanceTicket(ticketId, stored, incoming.get(ticketId) ?? [], now, deps.policies);
      return { ticketId, record, stored, a };
    });
    const fold = await admittedFold(
      deps,
      advanced.map(({ a }) => a.state),
    );
    for (const { ticketId, record, stored, a } of advanced) {
      if (attempt === 1) duplicates += a.duplicates;
      // Set on every attempt, even unchanged: the last writer of a record is then always
      // the last to set its timer, so the due set cannot keep a loser's instant.
      timers.push({ ticketId, at: a.next });
      const write = a.changed || a.next !== record.next;
      // Metrics follow the record version they reflect: a replay finds them applied.
      metrics.set(ticketId, {
        ticketId,
        version: record.version + (write ? 1 : 0),
        metrics: ticketMetrics(a.state, now, { ...deps.policies, dimensionFold: fold }),
        counts: ticketCounts(a.state, a.history, a.marks, now, deps.policies),
        ...(a.state.deleted && a.state.createdAt !== null
          ? { seriesDims: dimensionValues(a.state, fold) }
          : {}),
        ttlMs: a.finished ? deps.retentionMs : 0,
      });
      if (!write) continue;
      for (const t of a.transitions) alerts.push(alertCloudEvent(t, a.state));
      if (deps.notifications && a.transitions.length > 0)
        notifications.push(
          ...ticketNotifications(
            a.transitions,
            a.state,
            stored?.marks ?? [],
            deps.policies.alerting,
            deps.policies.calendar,
          ),
        );
      round.push(...a.transitions);
      for (const l of riskListing(a.state, now, deps.policies, a.marks))
        listings.push({ ticketId, ...l });
      if (a.changed) deltas.push(deltaOf(a));
      if (a.state.deleted && !stored?.history.some((e) => e[0] === DELETED))
        deletedMarks.set(ticketId, a.marks);
      writes.push({
        ticketId,
        readVersion: record.version,
        history: a.history,
        marks: a.marks,
        next: a.next,
        ttlMs: a.finished ? deps.retentionMs : 0,
      });
    }
    await deps.announce(alerts);
    if (notifications.length > 0) await deps.notifications!.enqueue(notifications, now);
    await deps.timers.set(timers, now);
    await deps.index.record(round, listings, deletedMarks, now);
    const { conflicts: again } = await deps.store.save(writes);
    transitions.push(...round.filter((t) => !again.includes(t.ticketId)));
    published.push(...deltas.filter((d) => !again.includes(d.ticketId)));
    conflicts += again.length;
    pending = again;
  }
  // After the records: a crash in between leaves the metrics one version behind, and the
  // replayed batch (or the ticket's next change) brings them up to date.
  await deps.metrics.apply([...metrics.values()], now);
  // Last: a gateway reads the lists and metrics as soon as it hears of the change.
  await deps.index.publish(published, transitions, now);
  return { tickets: incoming.size, duplicates, transitions, conflicts };
}
