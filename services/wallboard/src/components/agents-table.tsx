import type { AgentsAnswer } from '../api/agents-api';
import { AGENT_COLUMNS, type AgentColumn } from '../agents/agent-columns';
import {
  agentDrillRequest,
  mayDrill,
  teamLabel,
  type AgentRow,
  type AgentSortColumn,
} from '../agents/agent-rows';
import type { DrillRequest } from '../drill-down/drill-query';
import type { AgentsStore } from '../state/agents-store';
import { formatFigure } from '../tiles/figure-unit';
import { readFigure } from '../tiles/read-figure';
import { SortHeader, SortHeaders } from './sort-header';

type Open = (request: DrillRequest) => void;

/** A figure; a count with a list behind it is a button that opens the list. */
function Cell({
  column,
  row,
  answer,
  onOpen,
}: {
  readonly column: AgentColumn;
  readonly row: AgentRow;
  readonly answer: AgentsAnswer;
  readonly onOpen: Open;
}) {
  const value = readFigure(column.value, row.figures);
  const text = formatFigure(column.unit, value);
  const { drill } = column;
  return (
    // The figure as the gateway sent it, for scripts reading the table.
    <td class="num" data-column={column.key} data-figure={value ?? ''}>
      {/* Nothing to list behind a 0. */}
      {drill !== undefined && value !== null && value > 0 && mayDrill(answer, row) ? (
        <button
          type="button"
          class="cell-open"
          aria-haspopup="dialog"
          onClick={() => onOpen(agentDrillRequest(drill, answer, row))}
        >
          {text}
          <span class="visually-hidden">
            {' '}
            {column.heading.toLowerCase()} of {row.label}: list them
          </span>
        </button>
      ) : (
        text
      )}
    </td>
  );
}

/** What the body says when it has no row to show. */
function emptyText(store: AgentsStore): string | null {
  if (store.query.value.team === null) return 'No team has tickets in the longest window yet.';
  const answer = store.answer.value;
  if (answer === null)
    return store.problem.value === null ? 'Loading the figures…' : 'No figures to show.';
  return Object.keys(answer.values).length === 0
    ? 'No agent worked this team in the window.'
    : null;
}

/**
 * The team's row, then one per agent over the team's tickets, every figure in a column,
 * sortable by any column; an agent's open tickets and breaches open to their tickets.
 */
export function AgentsTable({
  store,
  onOpen,
}: {
  readonly store: AgentsStore;
  readonly onOpen: Open;
}) {
  const sort = store.sort.value;
  const answer = store.answer.value;
  const rows = store.rows.value;
  const empty = emptyText(store);
  const team = store.query.value.team;
  const onSort = (column: AgentSortColumn) => store.sortBy(column);
  return (
    <div class="table-scroll">
      <table
        class="outcomes teams-table agents-table"
        aria-label={
          team === null ? 'Agents' : `Agents of ${teamLabel(team).replace(/^Team /, 'team ')}`
        }
        aria-busy={store.loading.value}
        data-team={team ?? undefined}
      >
        <thead>
          <tr>
            <SortHeader column="name" sort={sort} onSort={onSort}>
              Agent
            </SortHeader>
            <SortHeaders columns={AGENT_COLUMNS} sort={sort} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {answer !== null &&
            rows.map((row) => (
              <tr
                key={`${row.isTeam ? 'team' : 'agent'}:${row.agent}`}
                data-agent={row.agent}
                data-all={row.isTeam ? '' : undefined}
              >
                <th scope="row">{row.label}</th>
                {AGENT_COLUMNS.map((column) => (
                  <Cell
                    key={column.key}
                    column={column}
                    row={row}
                    answer={answer}
                    onOpen={onOpen}
                  />
                ))}
              </tr>
            ))}
          {empty !== null && (
            <tr class="empty">
              <td colSpan={AGENT_COLUMNS.length + 1}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
