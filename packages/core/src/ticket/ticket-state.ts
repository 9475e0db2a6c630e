import type { Attributes } from '../contract/ticket-event.js';
import type { Channel, Priority, SurveyKind, TicketStatus } from '../contract/vocabulary.js';
import type { Clock } from '../clock/clock.js';
import type { Instant } from '../time/instant.js';

/** The ticket's descriptive fields as its events left them. */
export interface TicketFields {
  priority: Priority;
  channel: Channel;
  team?: string | undefined;
  queue?: string | undefined;
  customerTier?: string | undefined;
  category?: string | undefined;
  tags: readonly string[];
  attributes: Attributes;
  assigneeId?: string | undefined;
  requesterId?: string | undefined;
  customerId?: string | undefined;
}

export interface Survey {
  readonly kind: SurveyKind;
  readonly score: number;
  readonly at: Instant;
  /**
   * The survey event's `compactKey`: two surveys of one ticket (a re-survey) are told
   * apart by it, the same whether the event was folded as delivered or from the record.
   */
  readonly key: string;
}

/** A ticket's state after folding its events in order (docs/events.md, "The clocks"). */
export interface TicketState {
  readonly ticketId: string;
  /** Null until the `ticket.created` event has been folded. */
  createdAt: Instant | null;
  fields: TicketFields;
  status: TicketStatus;
  policyId: string | null;
  closed: boolean;
  deleted: boolean;
  deletedAt: Instant | null;
  /** A public agent comment has happened: next-response cycles may start. */
  responded: boolean;
  firstResponse: Clock | null;
  resolution: Clock | null;
  /** Every next-response cycle, oldest first; at most the last one is open. */
  nextResponses: Clock[];
  /**
   * The further clocks (docs/events.md, "Further clocks"), each kept only when a policy of
   * the document targets its kind: update cycles oldest first, at most the last one open.
   */
  periodicUpdates: Clock[];
  pausableUpdates: Clock[];
  requesterWait: Clock | null;
  agentWork: Clock | null;
  /** Facts the rolling metrics need. */
  publicAgentComments: number;
  /** Instants of the public agent comments, in event order. */
  replyTimes: Instant[];
  /** Next-response cycles answered by a reply: [cycle start, reply] (not those a solve ended). */
  answeredCycles: [Instant, Instant][];
  /** Instants the ticket became solved or closed from an open status (each solve). */
  solveTimes: Instant[];
  /** Instants of the reopens (solved back to an open status). */
  reopenTimes: Instant[];
  reopens: number;
  solvedAt: Instant | null;
  escalatedAt: Instant | null;
  escalations: number;
  surveys: Survey[];
  /** Time and production order of the last event folded, for in-order appends. */
  lastTime: Instant;
  lastSeq: number;
}

export function emptyTicket(ticketId: string): TicketState {
  return {
    ticketId,
    createdAt: null,
    fields: { priority: 'normal', channel: 'other', tags: [], attributes: {} },
    status: 'new',
    policyId: null,
    closed: false,
    deleted: false,
    deletedAt: null,
    responded: false,
    firstResponse: null,
    resolution: null,
    nextResponses: [],
    periodicUpdates: [],
    pausableUpdates: [],
    requesterWait: null,
    agentWork: null,
    publicAgentComments: 0,
    replyTimes: [],
    answeredCycles: [],
    solveTimes: [],
    reopenTimes: [],
    reopens: 0,
    solvedAt: null,
    escalatedAt: null,
    escalations: 0,
    surveys: [],
    lastTime: -Infinity,
    lastSeq: -Infinity,
  };
}

/** Every clock of the ticket in the contract's order: kind, then cycle. */
export function clocksOf(t: TicketState): Clock[] {
  // Pushes, not spreads of little arrays: this runs several times for every ticket of
  // every batch (alerts, timers, metrics, the view; issue 18).
  const clocks: Clock[] = [];
  if (t.firstResponse) clocks.push(t.firstResponse);
  for (const c of t.nextResponses) clocks.push(c);
  if (t.resolution) clocks.push(t.resolution);
  for (const c of t.periodicUpdates) clocks.push(c);
  for (const c of t.pausableUpdates) clocks.push(c);
  if (t.requesterWait) clocks.push(t.requesterWait);
  if (t.agentWork) clocks.push(t.agentWork);
  return clocks;
}
