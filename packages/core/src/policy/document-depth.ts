import { formatPath } from '../validation/format-path.js';

/**
 * How deep lists and maps may nest in a policy document. The deepest legitimate part is
 * the alert route tree (two levels per route: the route and its `routes` list), so this
 * allows routes nested 30 deep, while the recursive schemas that validate the document
 * never come near the stack's limit.
 */
export const MAX_POLICY_DOCUMENT_DEPTH = 64;

/**
 * The path of the first value nested deeper than `max` levels in `value` (the document
 * itself is level 0), or null when none is. Walks with an explicit stack, so any depth is
 * measured without recursion.
 */
export function tooDeepPath(
  value: unknown,
  max: number = MAX_POLICY_DOCUMENT_DEPTH,
): string | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.path.length > max) return formatPath(next.path);
    const entries = Array.isArray(next.value)
      ? next.value.map((v, i) => [i, v] as const)
      : Object.entries(next.value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...next.path, key] });
  }
  return null;
}
