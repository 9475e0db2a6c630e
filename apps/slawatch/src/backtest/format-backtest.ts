import type { BacktestReport, BacktestRow, Outcomes } from '@slawatch/core';

/** The most changed tickets the table lists (`--json` has up to the report's cap). */
const TABLE_CHANGED = 20;

const pct = (o: Outcomes): string =>
  o.attainment === null ? '-' : `${(o.attainment * 100).toFixed(1)}%`;
const cell = (o: Outcomes): string => `${pct(o)} (${o.met} met, ${o.breached} breached)`;
const delta = (row: { before: Outcomes; after: Outcomes }): string => {
  const { before: b, after: a } = row;
  if (a.attainment === null || b.attainment === null) return '';
  const points = (a.attainment - b.attainment) * 100;
  return points === 0 ? '=' : `${points > 0 ? '+' : ''}${points.toFixed(1)} pt`;
};

/** Columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function breakdown(title: string, rows: readonly BacktestRow[]): string {
  if (rows.length === 0) return `${title}: no clock finished in the window`;
  return `${title}\n${table(
    [title.replace('by ', ''), 'clock', 'before', 'after', 'change'],
    rows.map((r) => [r.value, r.clock, cell(r.before), cell(r.after), delta(r)]),
  )}`;
}

/** The report as the terminal table `slawatch backtest` prints. */
export function formatBacktest(report: BacktestReport, candidate: string): string {
  const from = new Date(report.from).toISOString();
  const until = new Date(report.until).toISOString();
  const parts = [
    `backtest of ${candidate}: ${report.tickets} tickets, outcomes from ${from} until ${until}`,
    `overall: ${cell(report.overall.before)} -> ${cell(report.overall.after)} ${delta(report.overall)}`.trimEnd(),
    breakdown('by team', report.byTeam),
    breakdown('by priority', report.byPriority),
    breakdown('by policy', report.byPolicy),
  ];
  if (report.changedCount === 0) parts.push('no ticket changes outcome');
  else {
    const shown = report.changed.slice(0, TABLE_CHANGED);
    const more =
      report.changedCount > shown.length
        ? ` (the first ${shown.length}; --json lists up to ${report.changed.length})`
        : '';
    parts.push(
      `tickets whose outcomes change: ${report.changedCount}${more}\n${table(
        ['ticket', 'team', 'priority', 'policy', 'changes'],
        shown.map((c) => [
          c.ticketId,
          c.team ?? '-',
          c.priority,
          c.policyBefore === c.policyAfter
            ? (c.policyBefore ?? '-')
            : `${c.policyBefore ?? '-'} -> ${c.policyAfter ?? '-'}`,
          c.changes.map((x) => `${x.clock}#${x.cycle} ${x.before} -> ${x.after}`).join(', '),
        ]),
      )}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}
