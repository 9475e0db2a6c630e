import type { KeyCensus } from './key-census.js';
import { int } from './format.js';
import type { ScaleRunResult } from './scale-run.js';

/** A Markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
const rateOf = (r: ScaleRunResult) => r.events / (r.ms / 1000);
const label = (r: ScaleRunResult) =>
  `${r.trackers} tracker${r.trackers > 1 ? 's' : ''}, ${r.target}`;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
export const masterCpu = (r: ScaleRunResult) => sum(r.masters.map((m) => m.work.cpuSeconds));
export const masterCalls = (r: ScaleRunResult) => sum(r.masters.map((m) => m.work.calls));

/** Catch-up rate and where the CPU went, one row per run. */
export function catchUpTable(runs: readonly ScaleRunResult[]): string {
  return table(
    [
      'run',
      'events',
      'time',
      'events/s',
      'tracker cores',
      'Redis cores (masters + replicas)',
      'smallest backlog',
    ],
    runs.map((r) => {
      const s = r.ms / 1000;
      return [
        label(r),
        `${int(r.events)} on ${r.partitions} partitions`,
        `${s.toFixed(1)} s`,
        int(rateOf(r)),
        (r.trackerCpuMs / r.ms).toFixed(2),
        `${(masterCpu(r) / s).toFixed(2)} + ${(r.replicasCpuSeconds / s).toFixed(2)}`,
        Number.isFinite(r.smallestLag) ? int(r.smallestLag) : '–',
      ];
    }),
  );
}

/** Each master's share of the commands and of the CPU; the busiest master's against 1.5/N. */
export function sharesTable(runs: readonly ScaleRunResult[]): string {
  return table(
    ['run', 'commands per master', 'busiest', 'CPU per master', 'busiest', 'aim (1.5/N)'],
    runs
      .filter((r) => r.masters.length > 1)
      .map((r) => {
        const calls = masterCalls(r);
        const cpu = masterCpu(r);
        const callShares = r.masters.map((m) => m.work.calls / calls);
        const cpuShares = r.masters.map((m) => m.work.cpuSeconds / cpu);
        const show = (shares: number[]) =>
          shares.map((share, i) => `:${r.masters[i]!.port} ${pct(share, 1)}`).join(', ');
        return [
          label(r),
          show(callShares),
          pct(Math.max(...callShares), 1),
          show(cpuShares),
          pct(Math.max(...cpuShares), 1),
          `<= ${pct(1.5 / r.masters.length, 1)}`,
        ];
      }),
  );
}

/** Redis work per event: commands (scripts' own commands included, as Redis counts them) and CPU. */
export function workPerEventTable(runs: readonly ScaleRunResult[]): string {
  return table(
    [
      'run',
      'Redis commands per event',
      'of which EVALSHA',
      'master CPU µs per event',
      'replica CPU µs per event',
      'events/s per master core',
      'top commands per event',
    ],
    runs.map((r) => {
      const evalsha = sum(r.masters.map((m) => m.work.byCommand.get('evalsha') ?? 0));
      const cpuUs = (masterCpu(r) * 1e6) / r.events;
      const byCommand = new Map<string, number>();
      for (const m of r.masters)
        for (const [name, n] of m.work.byCommand)
          byCommand.set(name, (byCommand.get(name) ?? 0) + n);
      const top = [...byCommand]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, n]) => `${name} ${(n / r.events).toFixed(1)}`)
        .join(', ');
      return [
        label(r),
        (masterCalls(r) / r.events).toFixed(1),
        (evalsha / r.events).toFixed(2),
        cpuUs.toFixed(1),
        ((r.replicasCpuSeconds * 1e6) / r.events).toFixed(1),
        int(1e6 / cpuUs),
        top,
      ];
    }),
  );
}

/** The census by key family: how much of the work, in how many slots. */
export function censusFamilyTable(census: KeyCensus): string {
  const all = census.keyed;
  const rows = [...census.families]
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([family, c]) => {
      const [topSlot, topCalls] = [...c.bySlot].sort((a, b) => b[1] - a[1])[0]!;
      return [
        family,
        int(c.calls),
        pct(c.calls, all),
        int(c.bySlot.size),
        `${topSlot}: ${pct(topCalls, all)}`,
        [...c.byPort]
          .sort((a, b) => a[0] - b[0])
          .map(([port, n]) => `:${port} ${pct(n, c.calls)}`)
          .join(', '),
      ];
    });
  const noKey = [...census.noKey].sort((a, b) => b[1] - a[1]);
  rows.push([
    '(EVALSHA calls: their commands are counted by key above)',
    int(census.scriptCalls),
    '',
    '',
    '',
    '',
  ]);
  if (noKey.length > 0)
    rows.push([
      `(no key: ${noKey.map(([name, n]) => `${name} ${int(n)}`).join(', ')})`,
      int(sum(noKey.map(([, n]) => n))),
      '',
      '',
      '',
      '',
    ]);
  return table(
    [
      'key family',
      'commands',
      'share of keyed',
      'slots',
      'busiest slot: share of all keyed',
      'per master',
    ],
    rows,
  );
}

/** The busiest slots of the census and what lives in them. */
export function censusSlotTable(census: KeyCensus, top: number): string {
  return table(
    ['slot', 'master', 'share of keyed commands', 'families'],
    [...census.slots]
      .sort((a, b) => b[1].calls - a[1].calls)
      .slice(0, top)
      .map(([slot, c]) => [
        String(slot),
        [...c.byPort.keys()].map((port) => `:${port}`).join(', '),
        pct(c.calls, census.keyed),
        [...c.byFamily]
          .sort((a, b) => b[1] - a[1])
          .map(([family, n]) => `${family} ${pct(n, c.calls)}`)
          .join(', '),
      ]),
  );
}
