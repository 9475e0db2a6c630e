import { pageHref, showPage } from '../state/current-page';
import type { TeamsStore } from '../state/teams-store';
import type { SortColumn } from '../teams/sort-team-rows';
import { COLUMN_GROUPS, TEAM_COLUMNS } from '../teams/team-columns';
import type { TeamRow } from '../teams/team-rows';
import { dimensionLabel, dimensionPlural } from '../teams/teams-dimension';
import { trendLabel, type TrendChoice } from '../teams/trend-choices';
import { formatFigure } from '../tiles/figure-unit';
import { readFigure } from '../tiles/read-figure';
import { SortHeader, SortHeaders } from './sort-header';
import { Sparkline } from './sparkline';

/** The name, the trend line, and every figure column. */
const COLUMN_COUNT = TEAM_COLUMNS.length + 2;

/** A team's name, linking to its agents (a plain click stays in the page, as the nav does). */
function AgentsLink({ row }: { readonly row: TeamRow }) {
  return (
    <a
      href={pageHref('agents', row.value)}
      title={`${row.label}'s agents`}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        showPage('agents', row.value);
      }}
    >
      {row.label}
    </a>
  );
}

function Row({
  row,
  trend,
  byTeam,
}: {
  readonly row: TeamRow;
  readonly trend: TrendChoice;
  /** The rows are teams: each name links to the team's agents. */
  readonly byTeam: boolean;
}) {
  const { spark } = row;
  return (
    <tr data-value={row.value} data-all={row.isAll ? '' : undefined}>
      <th scope="row">{byTeam && !row.isAll ? <AgentsLink row={row} /> : row.label}</th>
      <td class="row-trend">
        <Sparkline
          points={spark.points}
          from={spark.from}
          to={spark.to}
          label={`${row.label}, ${trendLabel(trend)} ${spark.label}`}
        />
      </td>
      {TEAM_COLUMNS.map((column) => {
        const value = readFigure(column.value, row.figures);
        return (
          // The figure as the gateway sent it, for scripts reading the table.
          <td key={column.key} class="num" data-column={column.key} data-figure={value ?? ''}>
            {formatFigure(column.unit, value)}
          </td>
        );
      })}
    </tr>
  );
}

/** What the body says when it has no row to show. */
function emptyText(store: TeamsStore): string | null {
  const answers = store.answers.value;
  if (answers === null)
    return store.problem.value === null ? 'Loading the figures…' : 'No figures to show.';
  return Object.keys(answers.metrics.values).length === 0 ? 'Nothing in the window yet.' : null;
}

/**
 * One row per value of the dimension (after the all row): its trend line beside its name,
 * where a laptop shows it without scrolling, then every figure of the board in a column,
 * sortable by any column. The name column stays in view while the figures scroll.
 */
export function TeamsTable({ store }: { readonly store: TeamsStore }) {
  const sort = store.sort.value;
  const trend = store.trend.value;
  const { dimension } = store.query.value;
  const rows = store.rows.value;
  const empty = emptyText(store);
  const onSort = (column: SortColumn) => store.sortBy(column);
  return (
    <div class="table-scroll">
      <table
        class="outcomes teams-table"
        aria-label={`${dimensionPlural(dimension)} side by side`}
        aria-busy={store.loading.value}
        data-dimension={dimension}
      >
        <colgroup span={2} />
        {COLUMN_GROUPS.map((group) => (
          <colgroup key={group.title} span={group.columns.length} />
        ))}
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={onSort} rowSpan={2}>
              {dimensionLabel(dimension)}
            </SortHeader>
            <th scope="col" rowSpan={2} class="row-trend">
              Trend: {trendLabel(trend)}
            </th>
            {COLUMN_GROUPS.map((group) => (
              <th key={group.title} scope="colgroup" colSpan={group.columns.length}>
                {group.title}
              </th>
            ))}
          </tr>
          <tr>
            <SortHeaders columns={TEAM_COLUMNS} sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row
              key={`${row.isAll ? 'all' : 'value'}:${row.value}`}
              row={row}
              trend={trend}
              byTeam={dimension === 'team'}
            />
          ))}
          {empty !== null && (
            <tr class="empty">
              <td colSpan={COLUMN_COUNT}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
