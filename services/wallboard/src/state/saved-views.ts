import type { BoardView } from './board-view';
import { parseScopeKey, scopeKey } from './scope';

/** A view the supervisor named, to come back to or to rotate through on a TV. */
export interface SavedView extends BoardView {
  readonly name: string;
}

/** The stored form: `[name, scopeKey, window]` triples, short enough for a link. */
export function serializeSavedViews(views: readonly SavedView[]): string {
  return JSON.stringify(views.map((v) => [v.name, scopeKey(v.scope), v.window]));
}

/** The stored (or linked) list; malformed entries are skipped, not fatal. */
export function parseSavedViews(json: string | null): SavedView[] {
  let stored: unknown;
  try {
    stored = json === null ? [] : JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(stored)) return [];
  const views: SavedView[] = [];
  for (const entry of stored as unknown[]) {
    if (!Array.isArray(entry)) continue;
    const [name, key, window] = entry as unknown[];
    if (typeof name !== 'string' || typeof key !== 'string' || typeof window !== 'string') continue;
    const scope = parseScopeKey(key);
    if (scope && name.trim() !== '' && !views.some((v) => v.name === name))
      views.push({ name, scope, window });
  }
  return views;
}

/**
 * The saved view `step` places after (or before, with -1) the current one, wrapping round;
 * from a view that is not saved, the first (or last). Null when none is saved.
 */
export function stepSavedView(
  views: readonly SavedView[],
  current: BoardView,
  step: 1 | -1,
): SavedView | null {
  if (views.length === 0) return null;
  const at = views.findIndex(
    (v) => v.window === current.window && scopeKey(v.scope) === scopeKey(current.scope),
  );
  const next = at < 0 ? (step === 1 ? 0 : views.length - 1) : at + step;
  return views[(next + views.length) % views.length] ?? null;
}
