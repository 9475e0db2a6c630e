import { expect } from 'vitest';
import {
  foldTicket,
  parseInstant,
  parsePolicyDocument,
  ticketTimers,
  ticketView,
  type ClockView,
  type PolicySet,
  type TicketView,
} from '../../src/index.js';
import { accept } from './events.js';

/** Loads a policy document for a test, failing loudly if the test's own YAML is wrong. */
export function policiesFrom(yaml: string): PolicySet {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok)
    throw new Error(`test policy document is invalid: ${JSON.stringify(loaded.problems)}`);
  return loaded.policySet;
}

export const instant = (iso: string): number => {
  const t = parseInstant(iso);
  if (t === null) throw new Error(`bad test instant ${iso}`);
  return t;
};

/** Folds one ticket's events (in the given delivery order) and views it as of `at`. */
export function viewOf(
  policies: PolicySet,
  events: readonly Record<string, unknown>[],
  at: string,
): TicketView | null {
  const accepted = accept(events);
  const id = (events[0]?.subject as string | undefined) ?? 'T';
  const asOf = instant(at);
  return ticketView(foldTicket(id, accepted, policies, asOf), asOf, policies);
}

export function timersOf(policies: PolicySet, events: readonly Record<string, unknown>[]) {
  const accepted = accept(events);
  return ticketTimers(
    foldTicket((events[0]?.subject as string | undefined) ?? 'T', accepted, policies),
    policies,
  );
}

/** The clock of `kind` (and cycle) in a view; fails the test when it is not shown. */
export function clockOf(view: TicketView | null, kind: ClockView['kind'], cycle = 1): ClockView {
  const clock = view?.clocks.find((c) => c.kind === kind && c.cycle === cycle);
  expect(clock, `${kind} #${cycle} should be shown`).toBeDefined();
  return clock!;
}
