import { useId } from 'preact/hooks';
import { clockName } from '../api/clock-kind';
import type { BreakdownRow } from '../api/backtest-report';
import { attainmentChange } from '../backtest/change-direction';
import { formatCount } from '../format/format-number';
import { formatPercent } from '../format/format-percent';
import { formatPoints } from '../format/format-points';
import { ChangeBadge } from './change-badge';

export interface OutcomeTableProps {
  readonly title: string;
  /** The first column's heading: Team, Priority, Policy. */
  readonly dimension: string;
  /** `team`, `priority`, `policy`: names the table for scripts and tests. */
  readonly name: string;
  readonly rows: readonly BreakdownRow[];
  /** How to read the table, when it needs saying. */
  readonly note?: string;
}

/** One breakdown of the report: per value and clock kind, met, breached and attainment before and after. */
export function OutcomeTable({ title, dimension, name, rows, note }: OutcomeTableProps) {
  const id = useId();
  return (
    <section class="breakdown" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note !== undefined && <p class="hint">{note}</p>}
      {rows.length === 0 ? (
        <p class="hint">No clock was met or breached in the window.</p>
      ) : (
        <div class="table-scroll">
          <table class="outcomes" aria-labelledby={id} data-breakdown={name}>
            <colgroup span={2} />
            <colgroup span={2} />
            <colgroup span={2} />
            <colgroup span={2} />
            <colgroup span={1} />
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  {dimension}
                </th>
                <th scope="col" rowSpan={2}>
                  Clock
                </th>
                <th scope="colgroup" colSpan={2}>
                  Met
                </th>
                <th scope="colgroup" colSpan={2}>
                  Breached
                </th>
                <th scope="colgroup" colSpan={2}>
                  Attainment
                </th>
                <th scope="col" rowSpan={2}>
                  Change
                </th>
              </tr>
              <tr>
                {['met', 'breached', 'attainment'].flatMap((group) => [
                  <th key={`${group}-before`} scope="col">
                    before
                  </th>,
                  <th key={`${group}-after`} scope="col">
                    after
                  </th>,
                ])}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const { points, direction } = attainmentChange(r.before, r.after);
                return (
                  <tr
                    key={`${r.value}\u0000${r.clock}`}
                    data-value={r.value}
                    data-clock={r.clock}
                    data-change={direction}
                  >
                    <th scope="row">{r.value}</th>
                    <td>{clockName(r.clock)}</td>
                    <td class="num">{formatCount(r.before.met)}</td>
                    <td class="num">{formatCount(r.after.met)}</td>
                    <td class="num">{formatCount(r.before.breached)}</td>
                    <td class="num">{formatCount(r.after.breached)}</td>
                    <td class="num">{formatPercent(r.before.attainment)}</td>
                    <td class="num">{formatPercent(r.after.attainment)}</td>
                    <td class="num">
                      <ChangeBadge direction={direction}>{formatPoints(points)}</ChangeBadge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
