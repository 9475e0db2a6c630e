/**
 * The deepest nesting of objects and arrays an event may have, the event object itself
 * being level 1 (`data.changes.attributes` is level 4). Extension attributes and unknown
 * `changes` are kept as sent, and past a few thousand levels `JSON.stringify` overflows the
 * stack: one such event, left in, failed its batch on every retry and stopped the tracker.
 */
export const MAX_EVENT_DEPTH = 32;

/**
 * The top-level field of `input` under which objects and arrays nest deeper than `max`
 * levels (`""` for the value itself), or null when none does. Iterative, so that the check
 * itself cannot overflow the stack, and it stops at the first value too deep.
 */
export function fieldNestedTooDeep(input: unknown, max: number): string | null {
  const stack: { value: unknown; depth: number; field: string }[] = [
    { value: input, depth: 1, field: '' },
  ];
  while (stack.length > 0) {
    const { value, depth, field } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return field;
    for (const [key, child] of Object.entries(value))
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: depth + 1, field: depth === 1 ? key : field });
  }
  return null;
}
