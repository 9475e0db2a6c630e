/** Which side of a limit is bad: `below` for attainment or CSAT, `above` for breaches or waits. */
export type Direction = 'above' | 'below';

/** A tile's colour state; `none` when there is no figure or no limit set. */
export type Level = 'ok' | 'warn' | 'critical' | 'none';

/** A tile's limits in the metric's own unit (ratio, seconds, count); null is "not set". */
export interface Limits {
  readonly warn: number | null;
  readonly critical: number | null;
}

/**
 * The level of a figure: `below` is bad under a limit (`< warn`), `above` at or past it
 * (`>= warn`, so "warn at 1 breach" reads naturally). Critical wins over warn.
 */
export function levelOf(value: number | null, limits: Limits, direction: Direction): Level {
  if (value === null || !Number.isFinite(value)) return 'none';
  if (limits.warn === null && limits.critical === null) return 'none';
  const past = (limit: number | null) =>
    limit !== null && (direction === 'below' ? value < limit : value >= limit);
  if (past(limits.critical)) return 'critical';
  if (past(limits.warn)) return 'warn';
  return 'ok';
}

/** The words (with a shape) that say the level without colour. */
export function levelMarker(level: Level): string {
  switch (level) {
    case 'critical':
      return '▲ critical';
    case 'warn':
      return '◆ warn';
    case 'ok':
    case 'none':
      return '';
  }
}
