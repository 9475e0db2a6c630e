import type { EventDataByType, EventType, TicketStatus } from '@slawatch/core';
import type { EventOutbox } from './event-outbox.js';
import type { FollowUp, TicketAction } from './floor-actions.js';
import { ESCALATION_TEAM, MINUTE, TEAM_IDS, WORK_MS, type TeamId } from './floor-profile.js';
import type { Agent, Ticket, Waiting } from './floor-state.js';
import type { SeededRandom } from './seeded-random.js';
import { csatScore, npsScore } from './survey-scores.js';
import { TeamQueue } from './team-queue.js';
import { drawTicket, type TicketDraw } from './ticket-draw.js';

const SECOND = 1000;

/**
 * The tickets, the agents and the teams' queues, and what happens to a ticket at each
 * step of its life: who takes it, how the contact ends, what the customer does next.
 */
export class TicketDesk {
  readonly tickets = new Map<string, Ticket>();
  ticketsCreated = 0;
  private readonly queues = new Map<TeamId, TeamQueue>(TEAM_IDS.map((t) => [t, new TeamQueue()]));

  constructor(
    private readonly random: SeededRandom,
    private readonly outbox: EventOutbox,
    /** Plans an action for later (the floor's agenda). */
    readonly schedule: (at: number, action: TicketAction) => void,
    readonly staff: Readonly<Record<TeamId, Agent[]>>,
    private readonly runTag: string,
  ) {}

  /** Carries out an action planned for one ticket. */
  act(at: number, action: TicketAction): void {
    switch (action.kind) {
      case 'reprioritise':
        return this.reprioritise(at, action.ticketId);
      case 'delete-spam':
        return this.deleteSpam(at, action.ticketId);
      case 'survey': {
        const ticket = this.tickets.get(action.ticketId);
        if (!ticket) return;
        const score = action.survey === 'csat' ? csatScore : npsScore;
        this.emit(ticket, at, 'ticket.surveyed', {
          kind: action.survey,
          score: score(this.random, ticket.longestWait),
        });
        return;
      }
      case 'reply':
      case 'customer-reply':
      case 'hold-ends':
      case 'auto-solve':
      case 'close': {
        const ticket = this.tickets.get(action.ticketId);
        // A follow-up planned before the ticket moved on (or went away) is void.
        if (!ticket || ticket.epoch !== action.epoch) return;
        return this.followUp(at, ticket, action.kind);
      }
    }
  }

  /** Puts a ticket waiting for an agent into its team's queue. */
  enqueue(ticket: Ticket): void {
    ticket.queuedAs = ticket.priority;
    this.queues.get(ticket.team)!.push(ticket.id, ticket.priority);
  }

  emit<T extends EventType>(ticket: Ticket, at: number, type: T, data: EventDataByType[T]): void {
    this.outbox.publish(ticket, at, type, data);
  }

  private followUp(at: number, ticket: Ticket, kind: FollowUp): void {
    switch (kind) {
      case 'reply':
        return this.reply(at, ticket);
      case 'customer-reply':
        this.emit(ticket, at, 'ticket.commented', {
          author: 'customer',
          public: true,
          authorId: ticket.requesterId,
        });
        // Pending, on hold or solved: the customer's words open it again (a reopen if solved).
        if (ticket.status !== 'open') this.setStatus(ticket, at, 'open');
        return this.needsAgent(at, ticket);
      case 'hold-ends':
        this.setStatus(ticket, at, 'open');
        return this.needsAgent(at, ticket);
      case 'auto-solve':
        this.emit(ticket, at, 'ticket.commented', { author: 'system', public: true });
        return this.solve(at, ticket);
      case 'close':
        this.setStatus(ticket, at, 'closed');
        this.tickets.delete(ticket.id);
        return;
    }
  }

  /** A new ticket arrives: it is acknowledged, routed, and sometimes turns out to be spam. */
  createTicket(at: number, draw = drawTicket(this.random, at)): Ticket {
    const ticket = this.newTicket(draw, at);
    if (ticket.channel === 'email' || ticket.channel === 'web')
      if (this.random.chance(0.6))
        this.emit(ticket, at + this.random.between(SECOND, 3 * SECOND), 'ticket.commented', {
          author: 'system',
          public: true,
        });
    if (ticket.spam) {
      // Spam is never worked: someone spots it and deletes it.
      this.setWaiting(ticket, 'none', at);
      this.schedule(at + this.random.between(30 * SECOND, 4 * MINUTE), {
        kind: 'delete-spam',
        ticketId: ticket.id,
      });
      return ticket;
    }
    if (this.random.chance(0.06))
      this.schedule(at + this.random.between(MINUTE, 10 * MINUTE), {
        kind: 'reprioritise',
        ticketId: ticket.id,
      });
    this.needsAgent(at, ticket);
    return ticket;
  }

  /** Opens a ticket and publishes its `ticket.created`. */
  newTicket(draw: TicketDraw, at: number): Ticket {
    const ticket: Ticket = {
      id: `SIM-${this.runTag}-${++this.ticketsCreated}`,
      queue: draw.queue,
      channel: draw.channel,
      tier: draw.tier,
      requesterId: draw.requesterId,
      category: draw.category,
      spam: draw.spam,
      team: draw.team,
      priority: draw.priority,
      status: 'new',
      assignee: null,
      working: false,
      waiting: 'none',
      waitingSince: at,
      queuedAs: null,
      longestWait: 0,
      replies: 0,
      escalations: 0,
      epoch: 0,
      lastTime: -Infinity,
    };
    this.tickets.set(ticket.id, ticket);
    this.emit(ticket, at, 'ticket.created', {
      priority: draw.priority,
      channel: draw.channel,
      status: 'new',
      team: draw.team,
      queue: draw.queue,
      requesterId: draw.requesterId,
      customerId: draw.customerId,
      customerTier: draw.tier,
      category: draw.category,
      tags: draw.tier === 'enterprise' ? [draw.category, 'vip'] : [draw.category],
    });
    return ticket;
  }

  /** The ticket waits for an agent: its last one if free, any free one, or the queue. */

  /** The ticket waits for an agent: its last one if free, any free one, or the queue. */
  needsAgent(at: number, ticket: Ticket): void {
    this.setWaiting(ticket, 'agent', at);
    const last = ticket.assignee;
    if (last && last.team === ticket.team && this.isFree(last))
      return this.startWork(at, last, ticket);
    let free: Agent | undefined;
    for (const agent of this.staff[ticket.team])
      if (this.isFree(agent) && (!free || agent.active < free.active)) free = agent;
    if (free) return this.startWork(at, free, ticket);
    this.enqueue(ticket);
  }

  /** On duty, with a free slot. */
  isFree(agent: Agent): boolean {
    return agent.onDuty && agent.active < agent.capacity;
  }

  /** A free agent takes queued tickets, most pressing first, until their slots are full. */
  pullWork(agent: Agent, at: number): void {
    const queue = this.queues.get(agent.team)!;
    while (this.isFree(agent)) {
      const id = queue.pop((ticketId, lane) => {
        const t = this.tickets.get(ticketId);
        return (
          t !== undefined && t.waiting === 'agent' && t.queuedAs === lane && t.team === agent.team
        );
      });
      if (id === undefined) return;
      this.startWork(at, agent, this.tickets.get(id)!);
    }
  }

  /** The agent takes the ticket (assigning it if it was someone else's) and starts a reply. */
  startWork(at: number, agent: Agent, ticket: Ticket): void {
    agent.active++;
    agent.peakActive = Math.max(agent.peakActive, agent.active);
    ticket.working = true;
    ticket.queuedAs = null;
    ticket.longestWait = Math.max(ticket.longestWait, at - ticket.waitingSince);
    const epoch = this.setWaiting(ticket, 'none', at);
    if (ticket.assignee !== agent) {
      ticket.assignee = agent;
      this.emit(ticket, at, 'ticket.assigned', { assigneeId: agent.id, team: agent.team });
    }
    if (ticket.status === 'new') this.setStatus(ticket, at, 'open');
    this.schedule(at + this.workTime(ticket), { kind: 'reply', ticketId: ticket.id, epoch });
  }

  /** How long the next reply takes: mostly about the mean, now and then far longer. */
  workTime(ticket: Ticket): number {
    const mean = WORK_MS[ticket.channel] * (ticket.replies > 0 ? 0.7 : 1);
    return Math.round(mean * Math.min(5, 0.3 + this.random.exponential(0.7)));
  }

  private release(at: number, ticket: Ticket): void {
    if (!ticket.working || !ticket.assignee) return;
    ticket.working = false;
    ticket.assignee.active--;
    this.pullWork(ticket.assignee, at);
  }

  /** The agent's reply is written: what happens next is the outcome of this contact. */
  private reply(at: number, ticket: Ticket): void {
    const agent = ticket.assignee!;
    if (this.random.chance(0.12))
      this.emit(ticket, at, 'ticket.commented', {
        author: 'agent',
        public: false,
        authorId: agent.id,
      });
    this.emit(ticket, at, 'ticket.commented', {
      author: 'agent',
      public: true,
      authorId: agent.id,
    });
    ticket.replies++;
    const technical = ticket.queue === 'technical';
    const outcome = this.random.weighted({
      escalate:
        ticket.team !== ESCALATION_TEAM && ticket.escalations === 0 ? (technical ? 0.1 : 0.02) : 0,
      solve: Math.min(0.75, 0.3 + 0.2 * (ticket.replies - 1)),
      pending: 0.3,
      hold: 0.07,
      conversation: 0.15,
    });
    const then = at + this.random.between(SECOND, 5 * SECOND);
    switch (outcome) {
      case 'escalate': {
        ticket.escalations++;
        this.emit(ticket, then, 'ticket.escalated', {
          level: ticket.escalations,
          toTeam: ESCALATION_TEAM,
          reason: `${ticket.category} needs the platform team`,
        });
        this.release(at, ticket);
        ticket.team = ESCALATION_TEAM;
        return this.needsAgent(then, ticket);
      }
      case 'solve':
        this.release(at, ticket);
        return this.solve(then, ticket);
      case 'pending':
      case 'conversation': {
        // Waiting on the customer: formally (pending pauses resolution) or in the thread.
        if (outcome === 'pending') this.setStatus(ticket, then, 'pending');
        const epoch = this.setWaiting(ticket, 'customer', then);
        this.release(at, ticket);
        const answers = this.random.chance(outcome === 'pending' ? 0.75 : 0.9);
        const wait = outcome === 'pending' ? 6 * MINUTE : 3 * MINUTE;
        this.schedule(
          then +
            (answers
              ? this.random.between(20 * SECOND, wait)
              : this.random.between(8 * MINUTE, 15 * MINUTE)),
          { kind: answers ? 'customer-reply' : 'auto-solve', ticketId: ticket.id, epoch },
        );
        return;
      }
      case 'hold': {
        this.setStatus(ticket, then, 'on_hold');
        const epoch = this.setWaiting(ticket, 'hold', then);
        this.release(at, ticket);
        this.schedule(then + this.random.between(MINUTE, 6 * MINUTE), {
          kind: 'hold-ends',
          ticketId: ticket.id,
          epoch,
        });
        return;
      }
    }
  }

  /** Solved: maybe a survey or two, maybe the customer writes back (a reopen), then closed. */
  private solve(at: number, ticket: Ticket): void {
    this.setStatus(ticket, at, 'solved');
    const epoch = this.setWaiting(ticket, 'none', at);
    let last = at + 6 * MINUTE;
    for (const [survey, p] of [
      ['csat', 0.35],
      ['nps', 0.12],
    ] as const)
      if (this.random.chance(p)) {
        const when = at + this.random.between(30 * SECOND, 8 * MINUTE);
        last = Math.max(last, when);
        this.schedule(when, { kind: 'survey', ticketId: ticket.id, survey });
      }
    if (this.random.chance(0.07))
      this.schedule(at + this.random.between(MINUTE, 5 * MINUTE), {
        kind: 'customer-reply',
        ticketId: ticket.id,
        epoch,
      });
    this.schedule(last + this.random.between(MINUTE, 5 * MINUTE), {
      kind: 'close',
      ticketId: ticket.id,
      epoch,
    });
  }

  private reprioritise(at: number, ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    if (!ticket || ticket.status === 'solved' || ticket.status === 'closed') return;
    // Mostly the customer pushes (it got worse); now and then triage calms it down.
    const priority = this.random.chance(0.75)
      ? ({ urgent: 'urgent', high: 'urgent', normal: 'high', low: 'normal' } as const)[
          ticket.priority
        ]
      : ({ urgent: 'high', high: 'normal', normal: 'low', low: 'low' } as const)[ticket.priority];
    if (priority === ticket.priority) return;
    ticket.priority = priority;
    this.emit(ticket, at, 'ticket.updated', { changes: { priority } });
    if (ticket.queuedAs !== null) {
      ticket.queuedAs = priority;
      this.queues.get(ticket.team)!.push(ticket.id, priority);
    }
  }

  private deleteSpam(at: number, ticketId: string): void {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) return;
    this.emit(ticket, at, 'ticket.deleted', {});
    this.tickets.delete(ticket.id);
    this.release(at, ticket);
  }

  /** Records what the ticket now waits for; returns its new epoch. */
  setWaiting(ticket: Ticket, waiting: Waiting, at: number): number {
    ticket.waiting = waiting;
    ticket.waitingSince = at;
    return ++ticket.epoch;
  }

  /** Changes the status and publishes it. */
  setStatus(ticket: Ticket, at: number, status: TicketStatus): void {
    ticket.status = status;
    this.emit(ticket, at, 'ticket.status_changed', { status });
  }

  /**
   * Publishes an event of `ticket` at `at` (nudged past the ticket's previous event, so
   * its events never tie), with the delivery faults drawn for it.
   */
}
