import { readProblems, type RequestProblem } from './request-problem';

/** `POST /api/v1/policies/validate`'s answer: counts of a valid document, or its problems. */
export type ValidationAnswer =
  | { readonly valid: true; readonly calendars: number; readonly policies: number }
  | { readonly valid: false; readonly problems: readonly RequestProblem[] };

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Reads the answer defensively. An invalid answer without a readable problem still says
 * invalid (with one problem saying so), never valid: a page that calls a broken document
 * good is worse than one that cannot say why it is bad.
 */
export function parseValidationAnswer(value: unknown): ValidationAnswer {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (v.valid === true)
    return { valid: true, calendars: count(v.calendars), policies: count(v.policies) };
  const problems = readProblems(v.problems);
  return {
    valid: false,
    problems:
      problems.length > 0
        ? problems
        : [{ path: '', message: 'the gateway said invalid without naming a problem' }],
  };
}
