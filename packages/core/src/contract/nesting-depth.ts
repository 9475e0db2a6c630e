import { pathTooDeep } from '../validation/path-too-deep.js';

/**
 * The deepest nesting of objects and arrays an event may have, the event object itself
 * being level 1 (`data.changes.attributes` is level 4). Extension attributes and unknown
 * `changes` are kept as sent, and past a few thousand levels `JSON.stringify` overflows the
 * stack: one such event, left in, failed its batch on every retry and stopped the tracker.
 */
export const MAX_EVENT_DEPTH = 32;

/**
 * The top-level field of `input` under which objects and arrays nest deeper than `max`
 * levels, the event being level 1 (`""` for the value itself), or null when none does.
 */
export function fieldNestedTooDeep(input: unknown, max: number): string | null {
  const path = pathTooDeep(input, max - 1);
  return path === null ? null : String(path[0] ?? '');
}
