import type { ComponentChildren } from 'preact';
import type { RowSort, SortColumn } from '../teams/sort-team-rows';

export interface SortHeaderProps<C extends string = SortColumn> {
  readonly column: C;
  readonly sort: RowSort<C>;
  readonly onSort: (column: C) => void;
  /** The heading in full, when the cell shows it shortened. */
  readonly title?: string;
  readonly rowSpan?: number;
  readonly children: ComponentChildren;
}

/**
 * A column header that sorts the table when clicked (again: the other way). `aria-sort` is
 * on the sorted column only, as screen readers expect; the arrow says it to the eye.
 */
export function SortHeader<C extends string>({
  column,
  sort,
  onSort,
  title,
  rowSpan,
  children,
}: SortHeaderProps<C>) {
  const active = sort.column === column;
  return (
    <th
      scope="col"
      rowSpan={rowSpan}
      aria-sort={active ? sort.direction : undefined}
      data-column={column}
      title={title}
    >
      <button type="button" class="sort-button" onClick={() => onSort(column)}>
        {children}
        <span class="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}

/** One sortable header per figure column, each with its heading and its title in full. */
export function SortHeaders<C extends string>({
  columns,
  sort,
  onSort,
}: {
  readonly columns: readonly {
    readonly key: C;
    readonly heading: string;
    readonly title: string;
  }[];
  readonly sort: RowSort<C>;
  readonly onSort: (column: C) => void;
}) {
  return (
    <>
      {columns.map((column) => (
        <SortHeader
          key={column.key}
          column={column.key}
          sort={sort}
          onSort={onSort}
          title={column.title}
        >
          {column.heading}
        </SortHeader>
      ))}
    </>
  );
}
