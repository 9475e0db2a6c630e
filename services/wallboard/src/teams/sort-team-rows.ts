import type { TileKey } from '../tiles/tile-key';
import { TEAM_COLUMNS } from './team-columns';
import { isNoValue } from './teams-dimension';
import type { TeamRow } from './team-rows';
import { sortFigureRows, type FigureRowOrder } from './sort-figure-rows';

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

const TEAM_ORDER: FigureRowOrder<TeamRow> = {
  pinned: (r) => r.isAll,
  name: (r) => r.value,
  // The tickets without a value after every named value.
  rank: (r) => Number(isNoValue(r.value)),
  figures: (r) => r.figures,
};

/** The rows in the order asked for, the all row first whatever the order (it is the yardstick). */
export function sortTeamRows(rows: readonly TeamRow[], sort: RowSort): TeamRow[] {
  const column =
    sort.column === 'name' ? undefined : TEAM_COLUMNS.find((c) => c.key === sort.column);
  return sortFigureRows(rows, TEAM_ORDER, sort.direction === 'ascending', column?.value);
}
