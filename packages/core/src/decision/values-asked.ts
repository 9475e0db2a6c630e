import {
  valuesToAdmit,
  type AdmittedDimension,
  type DimensionFold,
} from '../metrics/dimension-fold.js';
import type { TicketState } from '../ticket/ticket-state.js';

/**
 * The values of the undeclared dimensions that `states` use, by dimension: what the store
 * must admit (or fold to `other`) against the cap before any of them is decided on, with
 * the tickets' team and agent pairs (never declared). Empty when no ticket has a team or
 * an agent and every other dimension they use is declared.
 */
export function valuesAsked(
  states: readonly TicketState[],
  fold: DimensionFold,
): Map<AdmittedDimension, Set<string>> {
  const asked = new Map<AdmittedDimension, Set<string>>();
  for (const state of states)
    for (const [dimension, value] of valuesToAdmit(state, fold))
      asked.set(dimension, (asked.get(dimension) ?? new Set()).add(value));
  return asked;
}
