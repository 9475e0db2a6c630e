import type {
  AcceptedEvent,
  EventDataByType,
  TicketFieldChanges,
} from '../contract/ticket-event.js';
import type { TicketStatus } from '../contract/vocabulary.js';
import { startClock, type Clock } from '../clock/clock.js';
import {
  changeClockPolicy,
  pauseClock,
  reopenClock,
  resumeClock,
  stopClock,
} from '../clock/clock-transitions.js';
import { clockSettings, isTargeted, pauseStatuses, type PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { compactKey } from './compact-event.js';
import { clocksOf, type TicketState } from './ticket-state.js';

const isDone = (s: TicketStatus): boolean => s === 'solved' || s === 'closed';

/** The statuses that pause requester wait, and agent work (docs/events.md, "Further clocks"). */
const WAIT_PAUSES: readonly TicketStatus[] = ['pending'];
const WORK_PAUSES: readonly TicketStatus[] = ['pending', 'on_hold'];

/** The last cycle of a list when it is still open. */
const openOf = (cycles: readonly Clock[]): Clock | null => {
  const last = cycles.at(-1);
  return last && last.stoppedAt === null ? last : null;
};
const openCycle = (t: TicketState) => openOf(t.nextResponses);

/** Pauses or resumes a clock that has not ended. */
function follow(clock: Clock | null, paused: boolean, at: Instant): void {
  if (!clock || clock.stoppedAt !== null) return;
  if (paused) pauseClock(clock, at);
  else resumeClock(clock, at);
}

function applyFields(t: TicketState, changes: TicketFieldChanges): void {
  const f = t.fields;
  if (changes.priority !== undefined) f.priority = changes.priority;
  if (changes.channel !== undefined) f.channel = changes.channel;
  if (changes.team !== undefined) f.team = changes.team;
  if (changes.queue !== undefined) f.queue = changes.queue;
  if (changes.customerTier !== undefined) f.customerTier = changes.customerTier;
  if (changes.category !== undefined) f.category = changes.category;
  if (changes.tags !== undefined) f.tags = changes.tags;
  if (changes.attributes !== undefined) f.attributes = changes.attributes;
}

/** Matches the policy again; on a change every clock moves to the new policy at `at`. */
function rematch(t: TicketState, at: Instant, policies: PolicySet): void {
  const policy = policies.match(t.fields);
  const id = policy?.id ?? null;
  if (id === t.policyId) return;
  t.policyId = id;
  for (const clock of clocksOf(t))
    changeClockPolicy(clock, at, clockSettings(policy, clock.kind), policies.calendar);
  syncPause(t, at, policies);
}

/**
 * Pauses or resumes the clocks that pause to match the status: resolution and the pausable
 * update cycle by the policy's pauseOn, requester wait and agent work by their own.
 */
function syncPause(t: TicketState, at: Instant, policies: PolicySet): void {
  const pauseOn = pauseStatuses(policies.byId(t.policyId)).includes(t.status);
  follow(t.resolution, pauseOn, at);
  follow(openOf(t.pausableUpdates), pauseOn, at);
  follow(t.requesterWait, WAIT_PAUSES.includes(t.status), at);
  follow(t.agentWork, WORK_PAUSES.includes(t.status), at);
}

/**
 * Solving or closing ends the response and update clocks still open (cancelled unless
 * breached) and stops resolution, requester wait and agent work (met unless breached).
 */
function finish(t: TicketState, at: Instant, policies: PolicySet): void {
  const open = [
    t.firstResponse,
    openCycle(t),
    t.resolution,
    openOf(t.periodicUpdates),
    openOf(t.pausableUpdates),
    t.requesterWait,
    t.agentWork,
  ];
  for (const clock of open) if (clock) stopClock(clock, at, 'solve', policies.calendar);
}

/**
 * A public agent comment (or a reopen) at `at`: the open update cycles end, met unless
 * breached, and new ones start, for each update kind the document targets. The pausable
 * one starts paused in a pauseOn status.
 */
function startUpdateCycles(t: TicketState, at: Instant, policies: PolicySet): void {
  const policy = policies.byId(t.policyId);
  const cycles = [
    ['periodicUpdate', t.periodicUpdates, false],
    ['pausableUpdate', t.pausableUpdates, pauseStatuses(policy).includes(t.status)],
  ] as const;
  for (const [kind, list, paused] of cycles) {
    if (!isTargeted(policies, kind)) continue;
    const open = openOf(list);
    if (open) stopClock(open, at, 'response', policies.calendar);
    list.push(startClock(kind, list.length + 1, at, clockSettings(policy, kind), !paused));
  }
}

function created(
  t: TicketState,
  data: EventDataByType['ticket.created'],
  at: Instant,
  policies: PolicySet,
) {
  t.createdAt = at;
  t.fields = {
    priority: data.priority,
    channel: data.channel,
    team: data.team,
    queue: data.queue,
    customerTier: data.customerTier,
    category: data.category,
    tags: data.tags ?? [],
    attributes: data.attributes ?? {},
    assigneeId: data.assigneeId,
    requesterId: data.requesterId,
    customerId: data.customerId,
  };
  const policy = policies.match(t.fields);
  t.policyId = policy?.id ?? null;
  t.firstResponse = startClock('firstResponse', 1, at, clockSettings(policy, 'firstResponse'));
  t.resolution = startClock('resolution', 1, at, clockSettings(policy, 'resolution'));
  if (isTargeted(policies, 'requesterWait'))
    t.requesterWait = startClock('requesterWait', 1, at, clockSettings(policy, 'requesterWait'));
  if (isTargeted(policies, 'agentWork'))
    t.agentWork = startClock('agentWork', 1, at, clockSettings(policy, 'agentWork'));
  t.status = 'new';
  changeStatus(t, data.status ?? 'new', at, policies);
}

function changeStatus(t: TicketState, status: TicketStatus, at: Instant, policies: PolicySet) {
  const previous = t.status;
  if (status === previous) return;
  t.status = status;
  if (isDone(status)) {
    if (!isDone(previous)) t.solveTimes.push(at);
    finish(t, at, policies);
    if (status === 'solved') t.solvedAt = at;
    if (status === 'closed') t.closed = true;
    return;
  }
  if (previous === 'solved' && t.resolution) {
    // A reopen: resolution, requester wait and agent work resume with the time already
    // spent, under the policy in force (it may have changed while the ticket was solved).
    t.reopens += 1;
    t.reopenTimes.push(at);
    const policy = policies.byId(t.policyId);
    const resumed = [
      [t.resolution, pauseStatuses(policy)],
      [t.requesterWait, WAIT_PAUSES],
      [t.agentWork, WORK_PAUSES],
    ] as const;
    for (const [clock, pauses] of resumed) {
      if (!clock) continue;
      reopenClock(clock, at, pauses.includes(status));
      changeClockPolicy(clock, at, clockSettings(policy, clock.kind), policies.calendar);
    }
    // And the update clocks start a new cycle at the reopen.
    startUpdateCycles(t, at, policies);
    return;
  }
  syncPause(t, at, policies);
}

function commented(
  t: TicketState,
  data: EventDataByType['ticket.commented'],
  at: Instant,
  policies: PolicySet,
) {
  if (!data.public) return;
  if (data.author === 'agent') {
    t.publicAgentComments += 1;
    t.replyTimes.push(at);
    t.responded = true;
    if (t.firstResponse) stopClock(t.firstResponse, at, 'response', policies.calendar);
    const cycle = openCycle(t);
    if (cycle) {
      stopClock(cycle, at, 'response', policies.calendar);
      t.answeredCycles.push([cycle.startedAt, at]);
    }
    if (!isDone(t.status)) startUpdateCycles(t, at, policies);
  } else if (data.author === 'customer' && t.responded && !openCycle(t)) {
    const policy = policies.byId(t.policyId);
    t.nextResponses.push(
      startClock(
        'nextResponse',
        t.nextResponses.length + 1,
        at,
        clockSettings(policy, 'nextResponse'),
      ),
    );
  }
}

/**
 * Folds one event into the ticket (the `evolve` of the engine). Events must come in
 * event-time order, ties in production order; the caller (foldTicket) guarantees that and
 * removes duplicates. Mutates and returns `t`.
 */
export function applyEvent(
  t: TicketState,
  accepted: AcceptedEvent,
  policies: PolicySet,
): TicketState {
  const { event, time: at } = accepted;
  t.lastTime = at;
  t.lastSeq = accepted.seq;
  if (t.deleted) return t;
  if (event.type === 'ticket.deleted') {
    // Honoured even after `closed`: deletion is how spam and test tickets leave the metrics.
    if (t.createdAt === null) return t;
    t.deleted = true;
    t.deletedAt = at;
    for (const clock of clocksOf(t)) stopClock(clock, at, 'delete', policies.calendar);
    return t;
  }
  if (event.type === 'ticket.created') {
    if (t.createdAt === null) created(t, event.data, at, policies);
    return t;
  }
  // Events before the ticket exists have nothing to act on; after `closed` only surveys count.
  if (t.createdAt === null || (t.closed && event.type !== 'ticket.surveyed')) return t;
  switch (event.type) {
    case 'ticket.updated':
      applyFields(t, event.data.changes);
      rematch(t, at, policies);
      break;
    case 'ticket.assigned': {
      t.fields.assigneeId = event.data.assigneeId;
      if (event.data.team !== undefined && event.data.team !== t.fields.team) {
        t.fields.team = event.data.team;
        rematch(t, at, policies);
      }
      break;
    }
    case 'ticket.commented':
      commented(t, event.data, at, policies);
      break;
    case 'ticket.status_changed':
      changeStatus(t, event.data.status, at, policies);
      break;
    case 'ticket.escalated':
      t.escalations += 1;
      t.escalatedAt ??= at;
      break;
    case 'ticket.surveyed':
      t.surveys.push({
        kind: event.data.kind,
        score: event.data.score,
        at,
        key: compactKey(event),
      });
      break;
  }
  return t;
}
