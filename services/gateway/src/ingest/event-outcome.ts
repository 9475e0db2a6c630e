import type { RequestProblem } from '../errors.js';

/**
 * What one delivery becomes, as drafts of type `D` (each helpdesk's drafts carry what its
 * event ids are made of). Problems stop the delivery; ignored notes do not.
 */
export interface EventOutcome<D> {
  readonly drafts: D[];
  readonly ignored: RequestProblem[];
  readonly problems: RequestProblem[];
}

/** The ways a mapping answers, bound to its draft type once so that no call needs to name it. */
export interface OutcomeBuilders<D> {
  readonly outcome: (parts: Partial<EventOutcome<D>>) => EventOutcome<D>;
  /** One draft, nothing to say. */
  readonly one: (draft: D) => EventOutcome<D>;
  /** Nothing to map, and why (answered, not refused). */
  readonly ignore: (path: string, message: string) => EventOutcome<D>;
  /** A delivery that cannot be mapped, and why. */
  readonly problem: (path: string, message: string) => EventOutcome<D>;
}

export function outcomeBuilders<D>(): OutcomeBuilders<D> {
  const outcome = (parts: Partial<EventOutcome<D>>): EventOutcome<D> => ({
    drafts: parts.drafts ?? [],
    ignored: parts.ignored ?? [],
    problems: parts.problems ?? [],
  });
  return {
    outcome,
    one: (draft) => outcome({ drafts: [draft] }),
    ignore: (path, message) => outcome({ ignored: [{ path, message }] }),
    problem: (path, message) => outcome({ problems: [{ path, message }] }),
  };
}
