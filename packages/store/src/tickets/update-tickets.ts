import {
  advanceTicket,
  decideTicket,
  valuesAsked,
  withAdmitted,
  type AcceptedEvent,
  type AlertCloudEvent,
  type AlertTransition,
  type DimensionFold,
  type FollowUpListing,
  type Notification,
  type PolicySet,
  type RiskListing,
  type TicketDecision,
  type TicketSave,
  type TicketAdvance,
  type TicketState,
} from '@slawatch/core';
import type { MetricUpdate, MetricWindows } from '../metrics/metric-windows.js';
import type { LiveIndex } from '../live/live-index.js';
import type { TicketRecord } from './ticket-record.js';
import type { TicketStore } from './ticket-store.js';
import type { TimerQueue, TimerSetting } from '../timers/timer-queue.js';

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
  /**
   * Resolves once Redis replicas hold everything written so far (wait-for-replicas.ts);
   * absent, writes count as done when the master has them.
   */
  readonly replicated?: () => Promise<void>;
}

export interface UpdateResult {
  readonly tickets: number;
  readonly duplicates: number;
  readonly transitions: readonly AlertTransition[];
  readonly conflicts: number;
}

const MAX_ATTEMPTS = 20;

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
  const asked = valuesAsked(states, fold);
  if (asked.size === 0) return fold;
  return withAdmitted(fold, await deps.metrics.admitValues(metrics.valuesPerDimension, asked));
}

/** A ticket's decision with its live delta as JSON (LiveIndex.publish). */
interface Decided extends Omit<TicketDecision, 'delta'> {
  readonly delta: string | null;
}

/**
 * The delta's view written out as soon as it is decided: it is published only with the
 * batch's second part, and its objects (clocks and their instants) kept until then were
 * copied by every young-generation collection in between (issue 18).
 */
const decided = (d: TicketDecision): Decided => ({
  ...d,
  delta: d.delta === null ? null : JSON.stringify(d.delta),
});

/**
 * Advances each ticket once, admits the undeclared values they use, then decides (core).
 * A ticket whose values were all admitted or refused before (nearly always: the answer
 * never changes, admit-dimension-values.ts) is decided as soon as it is folded, so its
 * folded state is garbage at once; holding every ticket's until the batch's values were
 * admitted made each young-generation collection copy them all (issue 18). The others
 * wait for one admission of the values they bring.
 */
async function decide(
  deps: UpdateDeps,
  pending: readonly string[],
  incoming: ReadonlyMap<string, readonly AcceptedEvent[]>,
  now: number,
): Promise<Decided[]> {
  const records = await deps.store.load(pending);
  const { dimensionFold: fold, metrics } = deps.policies;
  const ctx = {
    now,
    policies: deps.policies,
    fold,
    retentionMs: deps.retentionMs,
    notify: deps.notifications !== undefined,
  };
  const decisions: Decided[] = [];
  const waiting: { at: number; read: TicketRecord; a: TicketAdvance }[] = [];
  pending.forEach((ticketId, at) => {
    const read = records.get(ticketId)!;
    const stored = read.version === 0 ? null : read;
    const a = advanceTicket(ticketId, stored, incoming.get(ticketId) ?? [], now, deps.policies);
    const asked = valuesAsked([a.state], fold);
    const known =
      asked.size === 0 ? new Map() : deps.metrics.admittedNow(metrics.valuesPerDimension, asked);
    if (known === null) waiting.push({ at, read, a });
    else
      decisions[at] = decided(decideTicket(read, a, { ...ctx, fold: withAdmitted(fold, known) }));
  });
  if (waiting.length > 0) {
    const admitted = await admittedFold(
      deps,
      waiting.map(({ a }) => a.state),
    );
    for (const { at, read, a } of waiting)
      decisions[at] = decided(decideTicket(read, a, { ...ctx, fold: admitted }));
  }
  return decisions;
}

/** The records of a batch saved: what is left to write once they are (finishUpdate). */
export interface SavedUpdate extends UpdateResult {
  readonly metrics: readonly MetricUpdate[];
  /** Each changed ticket's TicketDelta, as JSON. */
  readonly published: readonly string[];
}

/**
 * Brings tickets up to date in Redis, for the tracker (with a batch's events) and the
 * alerter (with none, when a timer fires). The order makes a crash at any point safe to
 * replay: announce the transitions, schedule the timers and update the shared lists (all
 * idempotent), and only then save the records, compare-and-set (saveTickets); then the
 * metrics and the live delta (finishUpdate). The caller commits its Kafka offsets (or
 * completes its job) after both resolve. A record someone else changed meanwhile is read
 * again and done again. The live delta goes out last, so the gateways never read the
 * state it announces before it is there.
 */
export async function updateTickets(
  deps: UpdateDeps,
  incoming: ReadonlyMap<string, readonly AcceptedEvent[]>,
  now: number,
): Promise<UpdateResult> {
  return finishUpdate(deps, await saveTickets(deps, incoming, now), now);
}

/** updateTickets' first part: everything up to the records saved. */
export async function saveTickets(
  deps: UpdateDeps,
  incoming: ReadonlyMap<string, readonly AcceptedEvent[]>,
  now: number,
): Promise<SavedUpdate> {
  let pending = [...incoming.keys()];
  let duplicates = 0;
  let conflicts = 0;
  const transitions: AlertTransition[] = [];
  const metrics = new Map<string, MetricUpdate>();
  const published: string[] = [];
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(`tickets kept changing under us: ${pending.slice(0, 5).join(', ')}`);
    const decisions = await decide(deps, pending, incoming, now);
    // One pass, plain loops: this runs for every ticket of every batch (bench:pipeline).
    const deletedMarks = new Map<string, readonly string[]>();
    const listings: (RiskListing & { ticketId: string })[] = [];
    const followUps: (FollowUpListing & { ticketId: string })[] = [];
    const round: AlertTransition[] = [];
    const alerts: AlertCloudEvent[] = [];
    const notifications: Notification[] = [];
    const timers: TimerSetting[] = [];
    const saves: TicketSave[] = [];
    for (const d of decisions) {
      if (attempt === 1) duplicates += d.duplicates;
      metrics.set(d.ticketId, d.metrics);
      // Set on every attempt, even unchanged: the last writer of a record is then always
      // the last to set its timer, so the due set cannot keep a loser's instant.
      timers.push({ ticketId: d.ticketId, at: d.timer });
      if (d.save === null) continue;
      saves.push(d.save);
      for (const t of d.transitions) round.push(t);
      for (const e of d.alerts) alerts.push(e);
      for (const n of d.notifications) notifications.push(n);
      for (const l of d.listings) listings.push({ ticketId: d.ticketId, ...l });
      for (const f of d.followUps) followUps.push({ ticketId: d.ticketId, ...f });
      if (d.deletedMarks) deletedMarks.set(d.ticketId, d.deletedMarks);
    }
    // Side by side: all four are idempotent and all come before the save, so a crash
    // between them is replayed whole; none waits for another's acknowledgement (Kafka's
    // and Redis' round trips overlap).
    await Promise.all([
      deps.announce(alerts),
      notifications.length > 0 ? deps.notifications!.enqueue(notifications, now) : undefined,
      deps.timers.set(timers, now),
      deps.index.record(round, listings, followUps, deletedMarks, now),
    ]);
    const { conflicts: again } = await deps.store.save(saves);
    const lost = new Set(again);
    for (const t of round) if (!lost.has(t.ticketId)) transitions.push(t);
    for (const d of decisions) if (d.delta && !lost.has(d.ticketId)) published.push(d.delta);
    conflicts += again.length;
    pending = again;
  }
  return {
    tickets: incoming.size,
    duplicates,
    transitions,
    conflicts,
    metrics: [...metrics.values()],
    published,
  };
}

/**
 * updateTickets' second part, once saveTickets has resolved: the batch's metrics, then its
 * live delta. The tracker runs it beside the next batch's first part (tracker.ts); the
 * metrics of one batch must be applied before the next batch's.
 */
export async function finishUpdate(
  deps: UpdateDeps,
  saved: SavedUpdate,
  now: number,
): Promise<UpdateResult> {
  // After the records: a crash in between leaves the metrics one version behind, and the
  // replayed batch (or the ticket's next change) brings them up to date. On replicas
  // first, so that a failover cannot keep the metrics and lose the records they follow.
  await deps.replicated?.();
  await deps.metrics.apply(saved.metrics, now);
  await deps.replicated?.();
  // Last: a gateway reads the lists and metrics as soon as it hears of the change.
  await deps.index.publish(saved.published, saved.transitions, now);
  const { tickets, duplicates, transitions, conflicts } = saved;
  return { tickets, duplicates, transitions, conflicts };
}
