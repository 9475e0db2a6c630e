import { formatPath } from '../validation/format-path.js';
import { pathTooDeep } from '../validation/path-too-deep.js';

/**
 * How deep lists and maps may nest in a policy document. The deepest legitimate part is
 * the alert route tree (two levels per route: the route and its `routes` list), so this
 * allows routes nested 30 deep, while the recursive schemas that validate the document
 * never come near the stack's limit.
 */
export const MAX_POLICY_DOCUMENT_DEPTH = 64;

/** The path of the first value nested deeper than `max` levels (the document is level 0). */
export function tooDeepPath(
  value: unknown,
  max: number = MAX_POLICY_DOCUMENT_DEPTH,
): string | null {
  const path = pathTooDeep(value, max);
  return path === null ? null : formatPath(path);
}
