import type { TileSpec } from '../tiles/tile-specs';
import type { TileKey } from '../tiles/tile-key';
import type { Limits } from './level';

/** The supervisor's limits for every tile. */
export type Thresholds = Readonly<Record<TileKey, Limits>>;

export function defaultThresholds(specs: readonly TileSpec[]): Thresholds {
  return Object.fromEntries(specs.map((s) => [s.key, s.defaults])) as Thresholds;
}

const limit = (v: unknown): number | null | undefined =>
  v === null ? null : typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/**
 * Stored limits over the defaults. Whatever is missing or malformed (an older page's
 * storage, a hand edit) keeps its default rather than breaking the board.
 */
export function parseThresholds(json: string | null, specs: readonly TileSpec[]): Thresholds {
  const result: Record<string, Limits> = { ...defaultThresholds(specs) };
  let stored: unknown;
  try {
    stored = json === null ? null : JSON.parse(json);
  } catch {
    stored = null;
  }
  if (typeof stored !== 'object' || stored === null) return result as Thresholds;
  for (const spec of specs) {
    const entry = (stored as Record<string, unknown>)[spec.key];
    if (typeof entry !== 'object' || entry === null) continue;
    const { warn, critical } = entry as Record<string, unknown>;
    const w = limit(warn);
    const c = limit(critical);
    result[spec.key] = {
      warn: w === undefined ? spec.defaults.warn : w,
      critical: c === undefined ? spec.defaults.critical : c,
    };
  }
  return result as Thresholds;
}
