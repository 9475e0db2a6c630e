import type {
  AcceptedEvent,
  EventDataByType,
  TicketFieldChanges,
} from '../contract/ticket-event.js';
import type { TicketStatus } from '../contract/vocabulary.js';
import { startClock } from '../clock/clock.js';
import {
  changeClockPolicy,
  pauseClock,
  reopenClock,
  resumeClock,
  stopClock,
} from '../clock/clock-transitions.js';
import { clockSettings, pauseStatuses, type PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { clocksOf, type TicketState } from './ticket-state.js';

const isDone = (s: TicketStatus): boolean => s === 'solved' || s === 'closed';

const openCycle = (t: TicketState) => {
  const last = t.nextResponses.at(-1);
  return last && last.stoppedAt === null ? last : null;
};

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

/** Pauses or resumes the resolution clock to match the status and the policy's pauseOn. */
function syncPause(t: TicketState, at: Instant, policies: PolicySet): void {
  const clock = t.resolution;
  if (!clock || clock.stoppedAt !== null) return;
  if (pauseStatuses(policies.byId(t.policyId)).includes(t.status)) pauseClock(clock, at);
  else resumeClock(clock, at);
}

/** Solving or closing ends the response clocks still open and stops the resolution clock. */
function finish(t: TicketState, at: Instant, policies: PolicySet): void {
  if (t.firstResponse) stopClock(t.firstResponse, at, 'solve', policies.calendar);
  const cycle = openCycle(t);
  if (cycle) stopClock(cycle, at, 'solve', policies.calendar);
  if (t.resolution) stopClock(t.resolution, at, 'solve', policies.calendar);
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
    // A reopen: the clock resumes with the time already spent.
    t.reopens += 1;
    t.reopenTimes.push(at);
    reopenClock(t.resolution, at, pauseStatuses(policies.byId(t.policyId)).includes(status));
    // The policy may have changed while the ticket was solved.
    const settings = clockSettings(policies.byId(t.policyId), 'resolution');
    changeClockPolicy(t.resolution, at, settings, policies.calendar);
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
      t.surveys.push({ kind: event.data.kind, score: event.data.score, at });
      break;
  }
  return t;
}
