import { clockName } from '../api/clock-kind';
import { now } from '../clock/now';
import { formatDateTime } from '../format/format-date-time';
import { orDash } from '../format/or-dash';
import type { DrillRow } from '../drill-down/drill-rows';
import { isOfClocks, type DrillTarget } from '../drill-down/drill-target';
import {
  emptyText,
  stateHeading,
  statusLabel,
  whenHeading,
  whenText,
} from '../drill-down/drill-words';
import { TicketRef } from './ticket-ref';

export interface DrillDownTableProps {
  readonly target: DrillTarget;
  /** Null while the first answer is on its way. */
  readonly rows: readonly DrillRow[] | null;
  readonly ticketUrl: string | null;
  readonly label: string;
}

/**
 * The tickets (or clocks) behind a count: each ticket linking to the helpdesk when the
 * document in force says where, whose it is, its status or outcome, and its instant
 * relative to now (the exact time on pointing at it).
 */
export function DrillDownTable({ target, rows, ticketUrl, label }: DrillDownTableProps) {
  const at = now.value;
  const clocks = isOfClocks(target);
  const state = stateHeading(target);
  const columns = 4 + (clocks ? 1 : 0) + (state === null ? 0 : 1);
  return (
    <table class="outcomes drill-table" aria-label={label} aria-busy={rows === null}>
      <thead>
        <tr>
          <th scope="col">Ticket</th>
          {clocks && <th scope="col">Clock</th>}
          {state !== null && <th scope="col">{state}</th>}
          <th scope="col">Team</th>
          <th scope="col">Assignee</th>
          <th scope="col">{whenHeading(target)}</th>
        </tr>
      </thead>
      <tbody>
        {rows?.map((row) => (
          <tr
            key={row.key}
            data-ticket={row.ticketId}
            data-clock={row.clock ?? undefined}
            data-state={row.state ?? undefined}
          >
            <th scope="row" class="ticket">
              <TicketRef id={row.ticketId} template={ticketUrl} />
            </th>
            {clocks && <td>{row.clock === null ? '—' : clockName(row.clock)}</td>}
            {state !== null && <td data-field="state">{statusLabel(row.state ?? '—')}</td>}
            <td data-field="team">{orDash(row.team)}</td>
            <td data-field="assignee">{orDash(row.assignee)}</td>
            <td data-field="when">
              {row.at === null ? (
                whenText(target, null, at)
              ) : (
                <time dateTime={new Date(row.at).toISOString()} title={formatDateTime(row.at)}>
                  {whenText(target, row.at, at)}
                </time>
              )}
            </td>
          </tr>
        ))}
        {rows !== null && rows.length === 0 && (
          <tr class="empty">
            <td colSpan={columns}>{emptyText(target)}</td>
          </tr>
        )}
        {rows === null && (
          <tr class="empty">
            <td colSpan={columns}>Loading the list…</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
