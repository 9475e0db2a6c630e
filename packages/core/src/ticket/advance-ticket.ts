import { alertTransitions } from '../alerts/alert-transitions.js';
import { alertMark, type AlertTransition } from '../alerts/alert-transition.js';
import type { AcceptedEvent } from '../contract/ticket-event.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import { appendEvents } from './append-events.js';
import { decodeCompact, encodeCompact, type CompactEvent } from './compact-event.js';
import { applyEvent } from './apply-event.js';
import { emptyTicket, type TicketState } from './ticket-state.js';
import { ticketTimers } from './ticket-timers.js';

/** What the shell stores per ticket between two deliveries. */
export interface StoredTicket {
  readonly history: readonly CompactEvent[];
  /** Alert transitions already announced (`AlertTransition.mark`). */
  readonly marks: readonly string[];
}

/** Everything the shell must do for one ticket after new events or a timer. */
export interface TicketAdvance {
  readonly history: CompactEvent[];
  readonly state: TicketState;
  /** Transitions to announce now; their marks are already in `marks`. */
  readonly transitions: AlertTransition[];
  readonly marks: string[];
  /** The next instant a timer must re-check the ticket; null when none is needed. */
  readonly next: Instant | null;
  /** Whether the record must be written (new events or new marks). */
  readonly changed: boolean;
  /** A closed or deleted ticket is kept for the retention period only. */
  readonly finished: boolean;
  readonly duplicates: number;
}

/**
 * One step of a ticket's life in the live system, pure: add the delivered events (late,
 * repeated, in any order) to its history, fold, and decide what to announce and when to
 * look again. The tracker calls it with a Kafka batch's events, the alerter with none
 * when a timer fires; both therefore agree with `simulate` by construction.
 */
export function advanceTicket(
  ticketId: string,
  stored: StoredTicket | null,
  incoming: readonly AcceptedEvent[],
  now: Instant,
  policies: PolicySet,
): TicketAdvance {
  // Incoming events are compared with stored ones in their compact form (hashed keys).
  const compact = stored?.history ?? [];
  const { events: history, state: start } = foldStored(ticketId, compact, policies);
  const fresh = incoming.map((e) => decodeCompact(ticketId, encodeCompact(e)));
  const appended = appendEvents(ticketId, history, start, fresh, policies);
  const { state } = appended;
  const announced = new Set(stored?.marks ?? []);
  const transitions = alertTransitions(state, now, policies, announced);
  const marks = [...announced, ...transitions.map((t) => t.mark)];
  // What is announced now needs no timer either.
  const made = new Set(marks);
  let next: Instant | null = null;
  for (const timer of ticketTimers(state, policies)) {
    const done =
      (timer.kind === 'warning' &&
        made.has(alertMark(timer.clock, timer.cycle, `at_risk:${timer.threshold}`))) ||
      (timer.kind === 'reminder' &&
        policies.alerting.reminders.some(
          (r) =>
            r >= timer.after! && made.has(alertMark(timer.clock, timer.cycle, `reminder:${r}`)),
        ));
    if (!done && timer.at >= now && (next === null || timer.at < next)) next = timer.at;
  }
  const added = incoming.length - appended.duplicates;
  return {
    // The stored events keep their compact form unless a late event reordered them.
    history: appended.refolded
      ? appended.history.map(encodeCompact)
      : compact.concat(appended.history.slice(compact.length).map(encodeCompact)),
    state,
    transitions,
    marks,
    next,
    changed: added > 0 || transitions.length > 0,
    finished: state.closed || state.deleted,
    duplicates: appended.duplicates,
  };
}

/**
 * A stored history decoded and folded. It is appendEvents' output, in event order without
 * repeats: it folds as it is, and new events that come after it are applied on top (no
 * sort, no refold).
 */
function foldStored(
  ticketId: string,
  compact: readonly CompactEvent[],
  policies: PolicySet,
): { events: AcceptedEvent[]; state: TicketState } {
  const events = compact.map((c) => decodeCompact(ticketId, c));
  const state = emptyTicket(ticketId);
  for (const e of events) applyEvent(state, e, policies);
  return { events, state };
}
