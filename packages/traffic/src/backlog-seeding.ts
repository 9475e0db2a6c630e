import { backlogStories } from './backlog-stories.js';
import { ESCALATION_TEAM, MINUTE } from './floor-profile.js';
import type { Ticket } from './floor-state.js';
import type { SeededRandom } from './seeded-random.js';
import type { TicketDesk } from './ticket-desk.js';
import { drawTicket } from './ticket-draw.js';

const SECOND = 1000;

/**
 * Opens the starting backlog of `count` tickets: each ticket's history up to `start` is
 * written; some are in an agent's hands, and those waiting for an agent queue up in the
 * order they started waiting. Call it inside the outbox's `recordHistory`.
 */
export function seedBacklog(
  desk: TicketDesk,
  random: SeededRandom,
  start: number,
  count: number,
): void {
  const queued: Ticket[] = [];
  for (const story of backlogStories(random, start, count)) {
    const draw = { ...drawTicket(random, story.createdAt), spam: false };
    const state =
      story.state === 'escalated' && draw.team === ESCALATION_TEAM ? 'follow-up' : story.state;
    const ticket = desk.newTicket(draw, story.createdAt);
    ticket.waitingSince = story.createdAt;
    if (state === 'unanswered') {
      queued.push(ticket);
      continue;
    }
    const agent =
      state === 'in-progress'
        ? desk.staff[ticket.team].find((a) => desk.isFree(a))
        : random.pick(desk.staff[ticket.team]);
    if (!agent) {
      queued.push(ticket);
      continue;
    }
    ticket.assignee = agent;
    ticket.longestWait = story.assignedAt - story.createdAt;
    desk.emit(ticket, story.assignedAt, 'ticket.assigned', {
      assigneeId: agent.id,
      team: agent.team,
    });
    desk.setStatus(ticket, story.assignedAt, 'open');
    if (state === 'in-progress') {
      // Its first reply is being written as the simulation starts.
      agent.active++;
      agent.peakActive = Math.max(agent.peakActive, agent.active);
      ticket.working = true;
      const epoch = desk.setWaiting(ticket, 'none', story.assignedAt);
      desk.schedule(start + random.between(0, desk.workTime(ticket)), {
        kind: 'reply',
        ticketId: ticket.id,
        epoch,
      });
      continue;
    }
    desk.emit(ticket, story.repliedAt, 'ticket.commented', {
      author: 'agent',
      public: true,
      authorId: agent.id,
    });
    ticket.replies = 1;
    ticket.waitingSince = story.lastAt;
    if (state === 'pending' || state === 'on-hold') {
      desk.setStatus(ticket, story.lastAt, state === 'pending' ? 'pending' : 'on_hold');
      const epoch = desk.setWaiting(
        ticket,
        state === 'pending' ? 'customer' : 'hold',
        story.lastAt,
      );
      const kind =
        state === 'on-hold' ? 'hold-ends' : random.chance(0.75) ? 'customer-reply' : 'auto-solve';
      desk.schedule(start + random.between(20 * SECOND, 10 * MINUTE), {
        kind,
        ticketId: ticket.id,
        epoch,
      });
      continue;
    }
    if (state === 'follow-up')
      desk.emit(ticket, story.lastAt, 'ticket.commented', {
        author: 'customer',
        public: true,
        authorId: ticket.requesterId,
      });
    else {
      ticket.escalations = 1;
      desk.emit(ticket, story.lastAt, 'ticket.escalated', {
        level: 1,
        toTeam: ESCALATION_TEAM,
        reason: `${ticket.category} needs the platform team`,
      });
      ticket.team = ESCALATION_TEAM;
    }
    queued.push(ticket);
  }
  for (const ticket of queued.sort((a, b) => a.waitingSince - b.waitingSince)) {
    desk.setWaiting(ticket, 'agent', ticket.waitingSince);
    desk.enqueue(ticket);
  }
}
