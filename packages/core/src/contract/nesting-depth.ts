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
  // Every event is measured, and nearly all are a few levels deep: this walk allocates
  // nothing; only an event it finds too deep is walked again for the path to report.
  if (!nestsDeeper(input, max - 1)) return null;
  const path = pathTooDeep(input, max - 1);
  return path === null ? null : String(path[0] ?? '');
}

/**
 * Whether objects and arrays nest more than `max` levels below `value` (`value` being
 * level 0). It visits at least what `pathTooDeep` visits, recursing at most `max` + 1
 * calls deep, so false means `pathTooDeep` finds nothing either.
 */
function nestsDeeper(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max < 0) return true;
  if (Array.isArray(value)) {
    for (const child of value) if (nestsDeeper(child, max - 1)) return true;
    return false;
  }
  for (const key in value)
    if (nestsDeeper((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}
