/**
 * The keys leading to the first object or array nested more than `max` levels below
 * `value` (`value` itself is level 0), or null when none is. Walks with an explicit
 * stack, so any depth is measured without recursion, and it stops at the first value too
 * deep: what recursive schemas and `JSON.stringify` cannot be handed.
 */
export function pathTooDeep(value: unknown, max: number): PropertyKey[] | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.path.length > max) return next.path;
    const entries = Array.isArray(next.value)
      ? next.value.map((v, i) => [i, v] as const)
      : Object.entries(next.value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...next.path, key] });
  }
  return null;
}
