import type { MetricValues } from '@slawatch/core';
import { readFigure } from '../tiles/read-figure';

/** How the rows of a table of figures (Teams, Agents) are told apart for sorting. */
export interface FigureRowOrder<R> {
  /** The yardstick row (all, the team), first whatever the order. */
  readonly pinned: (row: R) => boolean;
  /** The name it sorts by. */
  readonly name: (row: R) => string;
  /** 0 for named rows; higher groups (no value, past the cap) come after them either way. */
  readonly rank: (row: R) => number;
  readonly figures: (row: R) => MetricValues;
}

// Numeric, so that "agent 2" comes before "agent 10"; case and accents alike at first.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The rows in the order asked for: the pinned row first; by name (`figure` undefined) the
 * ranked groups after the named rows either way; by a figure a row without it goes last
 * either way ("no figure" is neither the best nor the worst). Ties go by name.
 */
export function sortFigureRows<R>(
  rows: readonly R[],
  order: FigureRowOrder<R>,
  ascending: boolean,
  figure: ((m: MetricValues) => number | null | undefined) | undefined,
): R[] {
  const sign = ascending ? 1 : -1;
  const byName = (a: R, b: R): number => {
    const ranked = order.rank(a) - order.rank(b);
    if (ranked !== 0) return ranked;
    const x = order.name(a);
    const y = order.name(b);
    // The code points decide between names the collator holds equal, so the order is stable.
    return collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
  };
  const compare = (a: R, b: R): number => {
    if (figure === undefined) {
      const ranked = order.rank(a) - order.rank(b);
      return ranked !== 0 ? ranked : sign * byName(a, b);
    }
    const x = readFigure(figure, order.figures(a));
    const y = readFigure(figure, order.figures(b));
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  };
  return [...rows.filter(order.pinned), ...rows.filter((r) => !order.pinned(r)).sort(compare)];
}
