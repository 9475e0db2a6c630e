import {
  foldTicket,
  parseInstant,
  ticketMetrics,
  ticketView,
  type AcceptedEvent,
  type ClockKind,
  type PolicySet,
} from '@slawatch/core';
import { SupportFloor } from '@slawatch/traffic';

const HOUR = 3_600_000;

/** One simulated ticket: its events with when each was delivered, and how it ended. */
export interface SimTicket {
  readonly id: string;
  readonly events: AcceptedEvent[];
  /** Delivery instant of each event of `events` (a late delivery is known only then). */
  readonly deliveredAt: number[];
  /** The first event's time: no clock of the ticket runs before it. */
  firstTime: number;
  /** The last delivery: after it nothing changes, unless a clock still ran at the end. */
  lastDelivery: number;
  /** A clock of the ticket was still running when the traffic ended. */
  openAtEnd: boolean;
  /** `<kind>:<cycle>` of every clock that breached, over the whole history. */
  readonly breached: Set<string>;
}

/** A duration fact of the rolling metrics, with the ticket's team and priority. */
export interface DurationFact {
  readonly at: number;
  readonly code: 'fr' | 'nr' | 'rs';
  readonly value: number;
  readonly team: string;
  readonly priority: string;
}

/** A finished clock with a target: met when it stopped, or breached at its deadline. */
export interface OutcomeFact {
  readonly at: number;
  readonly kind: ClockKind;
  readonly breached: boolean;
  readonly team: string;
}

export interface SimHistory {
  readonly start: number;
  readonly end: number;
  readonly tickets: SimTicket[];
  readonly events: number;
  /** Sorted by `at`. */
  readonly durations: DurationFact[];
  readonly outcomes: OutcomeFact[];
}

const DURATION_CODES = new Set(['fr', 'nr', 'rs']);

/**
 * `days` of the traffic simulator's support floor (seeded, so every run is the same), each
 * ticket folded over its whole history: what the rolling metrics would hold (durations as
 * docs/metrics.md defines them, dated when they happened, under the ticket's final team and
 * priority, as the live windows count them once the ticket has settled) and which clocks
 * breached in the end.
 */
export function simulateHistory(
  policies: PolicySet,
  options: { seed: number; rate: number; days: number; start: number },
): SimHistory {
  const { start } = options;
  const end = start + options.days * 24 * HOUR;
  const floor = new SupportFloor({ seed: options.seed, start, rate: options.rate });
  const byId = new Map<string, SimTicket>();
  let seq = 0;
  for (let at = start + HOUR; at <= end; at += HOUR)
    for (const d of floor.advance(at)) {
      const time = parseInstant(d.event.time)!;
      let ticket = byId.get(d.key);
      if (!ticket) {
        ticket = {
          id: d.key,
          events: [],
          deliveredAt: [],
          firstTime: time,
          lastDelivery: d.deliverAt,
          openAtEnd: false,
          breached: new Set(),
        };
        byId.set(d.key, ticket);
      }
      ticket.events.push({ event: d.event, time, seq: seq++ });
      ticket.deliveredAt.push(d.deliverAt);
      ticket.firstTime = Math.min(ticket.firstTime, time);
      ticket.lastDelivery = Math.max(ticket.lastDelivery, d.deliverAt);
    }
  const durations: DurationFact[] = [];
  const outcomes: OutcomeFact[] = [];
  for (const ticket of byId.values()) {
    const state = foldTicket(ticket.id, ticket.events, policies, end);
    const team = state.fields.team ?? '-';
    const priority = state.fields.priority;
    for (const fact of ticketMetrics(state, end, policies).facts)
      if (DURATION_CODES.has(fact.code) && 'value' in fact)
        durations.push({
          at: fact.at,
          code: fact.code as DurationFact['code'],
          value: fact.value,
          team,
          priority,
        });
    for (const clock of ticketView(state, end, policies)?.clocks ?? []) {
      if (clock.stoppedAt === null) ticket.openAtEnd = true;
      if (clock.state === 'breached') {
        ticket.breached.add(`${clock.kind}:${clock.cycle}`);
        const at = parseInstant(clock.breachedAt!)!;
        outcomes.push({ at, kind: clock.kind, breached: true, team });
      } else if (clock.state === 'met') {
        const at = parseInstant(clock.stoppedAt!)!;
        outcomes.push({ at, kind: clock.kind, breached: false, team });
      }
    }
  }
  durations.sort((a, b) => a.at - b.at);
  outcomes.sort((a, b) => a.at - b.at);
  const tickets = [...byId.values()].sort((a, b) => a.firstTime - b.firstTime);
  return { start, end, tickets, events: seq, durations, outcomes };
}
