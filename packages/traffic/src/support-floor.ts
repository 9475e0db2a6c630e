import { PEAK_FACTOR } from './daily-curve.js';
import { DEFAULT_FAULTS, type Delivery, type DeliveryFaults } from './delivery.js';
import { EventOutbox } from './event-outbox.js';
import type { Action } from './floor-actions.js';
import { EVENTS_PER_TICKET, TEAMS, TEAM_IDS, type TeamId } from './floor-profile.js';
import { seedBacklog } from './backlog-seeding.js';
import { SeededRandom } from './seeded-random.js';
import { hireStaff, rosterFor } from './staffing.js';
import { TicketDesk } from './ticket-desk.js';
import { arrivalIntensity } from './ticket-draw.js';
import { TimedQueue } from './timed-queue.js';

/** Events per second overall, averaged over a day, unless told otherwise. */
export const DEFAULT_RATE = 20;

/** Tickets open at the start unless told otherwise: enough to show a queue at once. */
export const defaultBacklog = (rate: number): number => Math.max(30, Math.round(15 * rate));

export interface SupportFloorOptions {
  /** Every decision is drawn from this seed: the same options replay the same events. */
  readonly seed: number;
  /** The simulated instant the floor starts at (epoch ms). */
  readonly start: number;
  /** Events per second overall, averaged over a day (the hour of day scales it). */
  readonly rate?: number;
  /** Tickets already open at the start, created in the two hours before it. */
  readonly backlog?: number;
  readonly faults?: Partial<DeliveryFaults>;
}

/** A snapshot of the floor, for progress lines. */
export interface FloorStats {
  readonly now: number;
  readonly ticketsCreated: number;
  /** Tickets neither solved, closed nor deleted. */
  readonly openTickets: number;
  /** Open tickets waiting for an agent to pick them up. */
  readonly queuedTickets: number;
  readonly eventsDelivered: number;
  readonly lateDeliveries: number;
  readonly duplicateDeliveries: number;
}

/** One agent as the floor sees them now. */
export interface AgentView {
  readonly id: string;
  readonly team: TeamId;
  readonly capacity: number;
  readonly onDuty: boolean;
  readonly active: number;
  readonly peakActive: number;
}

const HOUR = 3_600_000;

/**
 * A support floor in simulated time: tickets arrive over a daily curve, wait in their
 * team's queue until an agent with a free slot takes them, and live through replies,
 * customer follow-ups, pauses, escalations, solves, reopens, surveys and closes. Pure and
 * deterministic: time only moves through `advance`, and chance only through the seed.
 */
export class SupportFloor {
  /** The CloudEvents `source` of every event: `simulator/<seed>`. */
  readonly source: string;
  readonly start: number;
  readonly rate: number;
  private readonly random: SeededRandom;
  private readonly agenda = new TimedQueue<Action>();
  private readonly outbox: EventOutbox;
  private readonly desk: TicketDesk;
  private readonly peakIntensity: number;
  private clock: number;

  constructor(options: SupportFloorOptions) {
    this.rate = options.rate ?? DEFAULT_RATE;
    if (!(this.rate > 0)) throw new RangeError(`rate must be above 0, got ${this.rate}`);
    this.random = new SeededRandom(options.seed);
    this.source = `simulator/${options.seed}`;
    this.start = options.start;
    this.clock = options.start;
    // Ids carry the start, so runs into the same pipeline never collide (nor dedupe).
    const runTag = Math.floor(options.start / 1000).toString(36);
    const faults = { ...DEFAULT_FAULTS, ...options.faults };
    this.outbox = new EventOutbox(this.random, faults, this.source, runTag, this.start);
    const staff = hireStaff(this.random, this.rate);
    rosterFor(this.start, this.rate, staff);
    this.desk = new TicketDesk(
      this.random,
      this.outbox,
      (at, action) => this.agenda.push(at, action),
      staff,
      runTag,
    );
    this.peakIntensity = TEAM_IDS.reduce(
      (sum, id) => sum + TEAMS[id].share * (TEAMS[id].timeZone === null ? 1 : PEAK_FACTOR),
      0,
    );
    const backlog = options.backlog ?? defaultBacklog(this.rate);
    this.outbox.recordHistory(() => seedBacklog(this.desk, this.random, this.start, backlog));
    this.agenda.push(this.start, { kind: 'roster' });
    this.agenda.push(this.start, { kind: 'arrival' });
  }

  /** The simulated instant the floor has reached. */
  get now(): number {
    return this.clock;
  }

  /**
   * Runs the floor up to `to` (simulated epoch ms) and returns the deliveries due by then,
   * in delivery order. Advancing in one step or many gives the same deliveries.
   */
  advance(to: number): Delivery[] {
    if (to < this.clock) return [];
    for (let due = this.agenda.popDue(to); due; due = this.agenda.popDue(to)) {
      this.clock = due.at;
      this.act(due.at, due.item);
    }
    this.clock = to;
    return this.outbox.due(to);
  }

  stats(): FloorStats {
    let open = 0;
    let queued = 0;
    for (const t of this.desk.tickets.values()) {
      if (t.status !== 'solved' && t.status !== 'closed') open++;
      if (t.waiting === 'agent' && !t.working) queued++;
    }
    return {
      now: this.clock,
      ticketsCreated: this.desk.ticketsCreated,
      openTickets: open,
      queuedTickets: queued,
      eventsDelivered: this.outbox.delivered,
      lateDeliveries: this.outbox.lateDeliveries,
      duplicateDeliveries: this.outbox.duplicateDeliveries,
    };
  }

  agents(): AgentView[] {
    return TEAM_IDS.flatMap((team) => this.desk.staff[team].map((a) => ({ ...a })));
  }

  private act(at: number, action: Action): void {
    if (action.kind === 'arrival') return this.arrival(at);
    if (action.kind !== 'roster') return this.desk.act(at, action);
    // Each hour the rosters change; agents coming on duty take queued tickets.
    rosterFor(at, this.rate, this.desk.staff);
    for (const team of TEAM_IDS)
      for (const agent of this.desk.staff[team]) this.desk.pullWork(agent, at);
    this.agenda.push(Math.floor(at / HOUR + 1) * HOUR, { kind: 'roster' });
  }

  private arrival(at: number): void {
    // Thinning: candidates at the peak rate, kept in proportion to the hour's intensity.
    if (this.random.next() * this.peakIntensity < arrivalIntensity(at)) this.desk.createTicket(at);
    const ticketsPerMs = this.rate / EVENTS_PER_TICKET / 1000;
    const gap = this.random.exponential(1 / (ticketsPerMs * this.peakIntensity));
    this.agenda.push(at + Math.max(1, Math.round(gap)), { kind: 'arrival' });
  }
}
