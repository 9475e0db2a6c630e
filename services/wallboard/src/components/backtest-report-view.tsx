import type { BacktestReport } from '../api/backtest-report';
import { formatDateTime } from '../format/format-date-time';
import { formatCount } from '../format/format-number';
import { ChangedTickets } from './changed-tickets';
import { OutcomeTable } from './outcome-table';
import { OverallChange } from './overall-change';

const When = ({ at }: { readonly at: number }) => (
  <time dateTime={new Date(at).toISOString()}>{formatDateTime(at)}</time>
);

/** The comparison: overall, by team, priority and policy, and the tickets that change. */
export function BacktestReportView({
  report,
  ticketUrl,
  edited,
}: {
  readonly report: BacktestReport;
  readonly ticketUrl: string | null;
  /** The editor no longer holds the document this report is of. */
  readonly edited: boolean;
}) {
  return (
    <section class="panel report" aria-labelledby="report-heading" data-report="">
      <h2 id="report-heading">Comparison: in force → candidate</h2>
      <p>
        {formatCount(report.tickets)} tickets; clock outcomes from <When at={report.from} /> until{' '}
        <When at={report.until} />.
        {report.rejected > 0 && <> {formatCount(report.rejected)} invalid events were left out.</>}
      </p>
      {edited && (
        <p class="notice">
          The document has been edited since this backtest: run it again to compare the edit.
        </p>
      )}
      <OverallChange before={report.overall.before} after={report.overall.after} />
      <OutcomeTable title="By team" dimension="Team" name="team" rows={report.byTeam} />
      <OutcomeTable
        title="By priority"
        dimension="Priority"
        name="priority"
        rows={report.byPriority}
      />
      <OutcomeTable
        title="By policy"
        dimension="Policy"
        name="policy"
        rows={report.byPolicy}
        note="Each side counts a ticket under the policy its own document gives it: a policy only the candidate has shows nothing before."
      />
      <ChangedTickets report={report} ticketUrl={ticketUrl} />
    </section>
  );
}
