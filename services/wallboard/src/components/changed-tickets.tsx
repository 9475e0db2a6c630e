import type { BacktestReport, ChangedTicket, OutcomeName } from '../api/backtest-report';
import { clockName } from '../api/clock-kind';
import { outcomeDirection } from '../backtest/change-direction';
import { formatCount } from '../format/format-number';
import { ChangeBadge } from './change-badge';
import { TicketRef } from './ticket-ref';

const OUTCOME_WORDS: Readonly<Record<OutcomeName, string>> = {
  met: 'met',
  breached: 'breached',
  none: 'no outcome',
};

const policyText = (t: ChangedTicket): string =>
  t.policyBefore === t.policyAfter
    ? (t.policyBefore ?? '—')
    : `${t.policyBefore ?? '—'} → ${t.policyAfter ?? '—'}`;

/** The tickets whose clock outcomes change, each change named. */
export function ChangedTickets({
  report,
  ticketUrl,
}: {
  readonly report: BacktestReport;
  readonly ticketUrl: string | null;
}) {
  const { changed, changedCount } = report;
  return (
    <section class="breakdown" aria-labelledby="changed-heading">
      <h3 id="changed-heading">Tickets whose outcome changes: {formatCount(changedCount)}</h3>
      {changedCount === 0 ? (
        <p class="hint">No ticket's outcome changes under the candidate.</p>
      ) : (
        <div class="table-scroll">
          <table class="outcomes" aria-labelledby="changed-heading" data-changed="">
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Team</th>
                <th scope="col">Priority</th>
                <th scope="col">Policy</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((t) => (
                <tr key={t.ticketId} data-ticket={t.ticketId}>
                  <th scope="row" class="ticket">
                    <TicketRef id={t.ticketId} template={ticketUrl} />
                  </th>
                  <td>{t.team ?? '—'}</td>
                  <td>{t.priority}</td>
                  <td>{policyText(t)}</td>
                  <td>
                    <ul class="clock-changes">
                      {t.changes.map((c) => (
                        <li key={`${c.clock}#${c.cycle}`} data-clock={c.clock}>
                          <ChangeBadge direction={outcomeDirection(c.before, c.after)}>
                            {`${clockName(c.clock)}${c.cycle > 1 ? ` #${c.cycle}` : ''}: ${OUTCOME_WORDS[c.before]} → ${OUTCOME_WORDS[c.after]}`}
                          </ChangeBadge>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changed.length < changedCount && (
        <p class="list-note">
          Showing the first {formatCount(changed.length)} of {formatCount(changedCount)}, by ticket
          id.
        </p>
      )}
    </section>
  );
}
