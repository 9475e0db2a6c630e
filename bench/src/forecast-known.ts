import {
  foldTicket,
  parseInstant,
  ticketView,
  type ClockKind,
  type PolicySet,
  type Priority,
  type QueuePosition,
  type TicketView,
} from '@slawatch/core';
import type { SimTicket } from './forecast-history.js';

const HOUR = 3_600_000;

/** One ticket as known at an evaluation instant, with its clocks due within the hour. */
export interface Known {
  readonly ticket: SimTicket;
  readonly view: TicketView;
  readonly team: string;
  readonly priority: Priority;
  readonly now: number;
  readonly due: readonly Due[];
  queue?: QueuePosition;
}
export interface Due {
  readonly key: string;
  readonly kind: ClockKind;
  readonly startedAt: number;
  readonly deadline: number;
}

/** The ticket folded from what had been delivered by `now`, with its clocks due within the hour. */
export function knownAt(ticket: SimTicket, now: number, policies: PolicySet): Known[] {
  const delivered = ticket.events.filter((_, i) => ticket.deliveredAt[i]! <= now);
  const state = foldTicket(ticket.id, delivered, policies, now);
  const view = ticketView(state, now, policies);
  if (view === null) return [];
  const due: Due[] = [];
  for (const c of view.clocks) {
    if (c.state !== 'running' || c.deadline === null) continue;
    const deadline = parseInstant(c.deadline)!;
    if (deadline < now || deadline > now + HOUR) continue;
    const startedAt = parseInstant(c.startedAt)!;
    due.push({ key: `${c.kind}:${c.cycle}`, kind: c.kind, startedAt, deadline });
  }
  const team = state.fields.team ?? '-';
  return [{ ticket, view, team, priority: state.fields.priority, now, due }];
}
