import { validateEvent } from '../contract/validate-event.js';
import type { AcceptedEvent } from '../contract/ticket-event.js';
import type { PolicySet } from '../policy/policy-set.js';
import { formatInstant, type Instant } from '../time/instant.js';
import { foldTicket } from '../ticket/fold-ticket.js';
import { ticketView, type TicketView } from '../ticket/ticket-view.js';

export interface RejectedEvent {
  /** Position of the event in the input (0-based). */
  readonly index: number;
  /** Line of the input file (1-based), when the events came from a file. */
  readonly line?: number;
  readonly reason: string;
}

/** The simulate document (docs/api.md, "The simulate document"). */
export interface SimulationResult {
  at: string;
  tickets: TicketView[];
  rejected: RejectedEvent[];
}

/** An input item: an already-decoded event, or a decoding failure to report as rejected. */
export type SimulationInput = ({ readonly value: unknown } | { readonly error: string }) & {
  readonly line?: number;
};

/** How far a simulation has got: `done` of `of` events validated, or tickets folded. */
export interface SimulationProgress {
  readonly stage: 'validating' | 'folding';
  readonly done: number;
  readonly of: number;
}

/** Events validated between two progress reports. */
const VALIDATE_STEP = 256;

/**
 * Runs the engine offline over a list of events: invalid ones are reported, not fatal;
 * every ticket is folded as of `at` (default: the latest event time) and shown sorted by
 * id. This is the same fold the live pipeline uses, so the two cannot disagree.
 */
export function simulate(
  inputs: readonly SimulationInput[],
  policies: PolicySet,
  at?: Instant,
): SimulationResult {
  const steps = simulationSteps(inputs, policies, at);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link simulate} one step at a time, for a server that must stay responsive and bound
 * the work: it yields progress every few hundred events validated and before each ticket
 * it folds (so the first `folding` step, `done: 0`, tells the number of tickets before any
 * work on them); its return value is the result. The caller may stop at any step.
 */
export function* simulationSteps(
  inputs: readonly SimulationInput[],
  policies: PolicySet,
  at?: Instant,
): Generator<SimulationProgress, SimulationResult, void> {
  const rejected: RejectedEvent[] = [];
  const byTicket = new Map<string, AcceptedEvent[]>();
  let latest = -Infinity;
  for (let index = 0; index < inputs.length; index++) {
    if (index > 0 && index % VALIDATE_STEP === 0)
      yield { stage: 'validating', done: index, of: inputs.length };
    const input = inputs[index]!;
    const where = input.line === undefined ? { index } : { index, line: input.line };
    if ('error' in input) {
      rejected.push({ ...where, reason: input.error });
      continue;
    }
    const result = validateEvent(input.value);
    if (!result.ok) {
      rejected.push({ ...where, reason: result.reason });
      continue;
    }
    const list = byTicket.get(result.event.subject) ?? [];
    list.push({ event: result.event, time: result.time, seq: index });
    byTicket.set(result.event.subject, list);
    latest = Math.max(latest, result.time);
  }
  const asOf = at ?? (Number.isFinite(latest) ? latest : 0);
  const ids = [...byTicket.keys()].sort(compareIds);
  const tickets: TicketView[] = [];
  for (let done = 0; done < ids.length; done++) {
    yield { stage: 'folding', done, of: ids.length };
    const id = ids[done]!;
    const view = ticketView(foldTicket(id, byTicket.get(id)!, policies, asOf), asOf, policies);
    if (view) tickets.push(view);
  }
  return { at: formatInstant(asOf), tickets, rejected };
}

// Plain code-unit order: stable across locales, and what `sort()` gives.
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
