import type { Channel, Priority, TicketStatus } from '@slawatch/core';
import type { Category, TeamId, Tier } from './floor-profile.js';

/** An agent: works on at most `capacity` tickets at once, and only while on duty. */
export interface Agent {
  readonly id: string;
  readonly team: TeamId;
  readonly capacity: number;
  onDuty: boolean;
  active: number;
  /** The most tickets this agent ever worked on at once (never above capacity). */
  peakActive: number;
}

/** What a ticket is waiting for: an agent (queued), the customer, a third party, nothing. */
export type Waiting = 'agent' | 'customer' | 'hold' | 'none';

/** The floor's picture of one ticket, from creation until it is closed or deleted. */
export interface Ticket {
  readonly id: string;
  readonly queue: string;
  readonly channel: Channel;
  readonly tier: Tier;
  readonly requesterId: string;
  readonly category: Category;
  readonly spam: boolean;
  team: TeamId;
  priority: Priority;
  status: TicketStatus;
  /** The agent who has (or last had) the ticket. */
  assignee: Agent | null;
  /** Whether the assignee is working on it now (holding one of their slots). */
  working: boolean;
  waiting: Waiting;
  waitingSince: number;
  /** The lane of its team's queue it sits in, while queued. */
  queuedAs: Priority | null;
  /** The longest the customer waited for an agent so far (shapes survey scores). */
  longestWait: number;
  replies: number;
  escalations: number;
  /** Bumped on every change of what the ticket waits for: older follow-ups are void. */
  epoch: number;
  /** Time of its latest event: a ticket's events are strictly increasing in time. */
  lastTime: number;
}
