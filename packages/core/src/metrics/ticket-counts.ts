import type { PolicySet } from '../policy/policy-set.js';
import type { Instant } from '../time/instant.js';
import type { ClockOutcome } from '../clock/clock.js';
import type { CompactEvent } from '../ticket/compact-event.js';
import { clocksOf, type TicketState } from '../ticket/ticket-state.js';
import { evaluateClock } from '../ticket/ticket-view.js';
import { BREACHED, MET } from './ticket-metrics.js';
import {
  CLOCK_KINDS,
  EVENT_TYPES,
  type ClockKind,
  type EventType,
} from '../contract/vocabulary.js';

/**
 * What a ticket has added, over its whole life, to the Prometheus counters that its
 * metric facts do not already give (events by type, clocks that finished breached or
 * cancelled, at-risk crossings announced): code → count. Met clocks and breaches are
 * counted from the `m*` and `b*` facts (ticket-metrics.ts). Counters must never go down,
 * so the store adds only the increase of each count between two versions of a ticket; a
 * decrease (a late event that turned a breached clock into a met one) is not subtracted,
 * and the new outcome is counted too.
 *
 * Codes: `e<index in EVENT_TYPES>`, `x<kind><outcome>` (kind f/n/r/u/p/w/k, outcome m met,
 * b breached, c cancelled), `b<kind>` breaches, `a<kind>` at-risk crossings (one per
 * threshold); `ticketCounts` gives `e`, `xb`, `xc` and `a` codes only.
 */
export type TicketCounts = Readonly<Record<string, number>>;

const KIND_CODE: Record<ClockKind, string> = {
  firstResponse: 'f',
  nextResponse: 'n',
  resolution: 'r',
  periodicUpdate: 'u',
  pausableUpdate: 'p',
  requesterWait: 'w',
  agentWork: 'k',
};
const OUTCOME_CODE: Record<ClockOutcome, string> = { met: 'm', breached: 'b', cancelled: 'c' };

/** The count code each met and breached fact stands for (ticket-metrics.ts's codes). */
export const FACT_COUNT_CODES: Readonly<Record<string, string>> = Object.fromEntries(
  CLOCK_KINDS.flatMap((kind) => [
    [MET[kind], `x${KIND_CODE[kind]}${OUTCOME_CODE.met}`],
    [BREACHED[kind], `b${KIND_CODE[kind]}`],
  ]),
);

/** Decodes a count code for the exporter: what it counts and its labels. */
export type CountCode =
  | { readonly kind: 'event'; readonly type: EventType }
  | { readonly kind: 'finished'; readonly clock: ClockKind; readonly outcome: ClockOutcome }
  | { readonly kind: 'breach' | 'atRisk'; readonly clock: ClockKind };

export function decodeCountCode(code: string): CountCode | null {
  const clockOf = (c: string | undefined) => CLOCK_KINDS.find((k) => KIND_CODE[k] === c);
  if (code[0] === 'e') {
    const type = EVENT_TYPES[Number(code.slice(1))];
    return type ? { kind: 'event', type } : null;
  }
  const clock = clockOf(code[1]);
  if (!clock) return null;
  if (code[0] === 'x') {
    const outcome = (Object.keys(OUTCOME_CODE) as ClockOutcome[]).find(
      (o) => OUTCOME_CODE[o] === code[2],
    );
    return outcome && code.length === 3 ? { kind: 'finished', clock, outcome } : null;
  }
  if (code.length !== 2) return null;
  if (code[0] === 'b') return { kind: 'breach', clock };
  if (code[0] === 'a') return { kind: 'atRisk', clock };
  return null;
}

/**
 * The counts of one ticket as of `now`, from its history (the events folded, duplicates
 * already dropped), its announced alert marks and its clocks. Pure.
 */
export function ticketCounts(
  state: TicketState,
  history: readonly CompactEvent[],
  marks: readonly string[],
  now: Instant,
  policies: PolicySet,
): TicketCounts {
  const counts: Record<string, number> = {};
  const add = (code: string) => (counts[code] = (counts[code] ?? 0) + 1);
  for (const e of history) add(`e${e[0]}`);
  for (const mark of marks) {
    // `<clock>:<cycle>:<what>` (alert-transition.ts).
    const [clock, , what] = mark.split(':');
    const k = KIND_CODE[clock as ClockKind];
    if (k === undefined) continue;
    if (what === 'at_risk') add(`a${k}`);
  }
  // A deleted ticket's clocks finish nowhere: it leaves every figure (docs/events.md, "The clocks": deletion).
  if (state.createdAt === null || state.deleted) return counts;
  for (const clock of clocksOf(state)) {
    const e = evaluateClock(clock, now, policies);
    if (e === null) continue;
    // Met clocks are the facts' `m*` codes.
    const finished =
      e.state === 'cancelled' || (e.state === 'breached' && clock.stoppedAt !== null);
    if (finished) add(`x${KIND_CODE[clock.kind]}${OUTCOME_CODE[e.state as ClockOutcome]}`);
  }
  return counts;
}
