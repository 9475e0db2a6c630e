import type { TileKey } from '../tiles/tile-key';
import { readFigure } from '../tiles/read-figure';
import { TEAM_COLUMNS } from './team-columns';
import { isNoValue } from './teams-dimension';
import type { TeamRow } from './team-rows';

/** The column the rows are sorted by: the name, or a figure by its tile's key. */
export type SortColumn = 'name' | TileKey;

/** Named as `aria-sort` names them, so the header says it as it is. */
export type SortDirection = 'ascending' | 'descending';

/** How a table is sorted: by which column (the Teams page's, unless another is named), which way. */
export interface RowSort<C extends string = SortColumn> {
  readonly column: C;
  readonly direction: SortDirection;
}

export const BY_NAME: RowSort = { column: 'name', direction: 'ascending' };

/** A header clicked: the same column turns around, another starts ascending. */
export const nextSort = <C extends string>(current: RowSort<C>, column: C): RowSort<C> =>
  current.column === column
    ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
    : { column, direction: 'ascending' };

// Numeric, so that "queue 2" comes before "queue 10"; case and accents alike at first.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** By name, ascending; the tickets without a value after every named value. */
function byName(a: TeamRow, b: TeamRow): number {
  const none = Number(isNoValue(a.value)) - Number(isNoValue(b.value));
  if (none !== 0) return none;
  // The code points decide between names the collator holds equal, so the order is stable.
  return collator.compare(a.value, b.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/**
 * The rows in the order asked for, the all row first whatever the order (it is the yardstick).
 * A row without the figure (no first reply in the window has no p90) goes last in either
 * direction: "no figure" is neither the best nor the worst. Ties go by name.
 */
export function sortTeamRows(rows: readonly TeamRow[], sort: RowSort): TeamRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const column =
    sort.column === 'name' ? undefined : TEAM_COLUMNS.find((c) => c.key === sort.column);
  const compare = (a: TeamRow, b: TeamRow): number => {
    if (column === undefined) {
      const none = Number(isNoValue(a.value)) - Number(isNoValue(b.value));
      return none !== 0 ? none : sign * byName(a, b);
    }
    const x = readFigure(column.value, a.figures);
    const y = readFigure(column.value, b.figures);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  };
  return [...rows.filter((r) => r.isAll), ...rows.filter((r) => !r.isAll).sort(compare)];
}
