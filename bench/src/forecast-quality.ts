import { readFileSync } from 'node:fs';
import {
  binOf,
  breachProbability,
  forecastTicket,
  formatInstant,
  parseInstant,
  queueAhead,
  waitingSince,
  type ForecastHistograms,
  type ForecastOptions,
  type SourceHistograms,
  type WaitingTicket,
} from '@slawatch/core';
import { int } from './format.js';
import {
  simulateHistory,
  type DurationFact,
  type OutcomeFact,
  type SimTicket,
} from './forecast-history.js';
import { knownAt, type Due, type Known } from './forecast-known.js';
import { printForecastTables, type Sample } from './forecast-tables.js';
import { SlidingCounts } from './forecast-windows.js';
import { loadPolicies } from './load-policies.js';
import { numericUsage, readNumericFlags } from './numeric-flags.js';

// `npm run bench:forecast [-- --seed=N --rate=N --days=N --every=M]`: the breach forecast
// (packages/core/src/forecast) backtested on the traffic simulator's history. Every `every`
// minutes over the last days-7 days, each ticket is folded from what had been delivered by
// then; every running clock due within 60 minutes is forecast from the durations of the 7
// days (or 24 h, 1 h) before, and checked against whether it breached in the end.
const SPEC = {
  seed: { flag: 'seed', env: 'BENCH_FORECAST_SEED', default: 7 },
  rate: { flag: 'rate', env: 'BENCH_FORECAST_RATE', default: 2 },
  days: { flag: 'days', env: 'BENCH_FORECAST_DAYS', default: 14 },
  every: { flag: 'every', env: 'BENCH_FORECAST_EVERY', default: 15 },
};
const options = readNumericFlags(
  process.argv.slice(2),
  process.env,
  SPEC,
  numericUsage('bench:forecast', SPEC),
);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SOURCES = ['fr', 'nr', 'rs'] as const;
if (options.days <= 7) throw new Error('--days must be over 7: the first 7 days fill the windows');

const policies = loadPolicies(
  readFileSync(new URL('../../packages/traffic/demo-policies.yaml', import.meta.url), 'utf8'),
);
const t0 = performance.now();
const history = simulateHistory(policies, {
  ...options,
  start: parseInstant('2026-11-02T00:00:00Z')!,
});
const simulateMs = performance.now() - t0;

// The windows the live metrics keep (7d, 24h, 1h), by team, priority, all and, for
// reference only, team × priority (the live metrics do not cross dimensions).
const durationKeys = (f: DurationFact) => {
  const bin = binOf(f.value);
  return [
    [`team:${f.team}:${f.code}`, bin],
    [`priority:${f.priority}:${f.code}`, bin],
    [`all:*:${f.code}`, bin],
    [`cross:${f.team}/${f.priority}:${f.code}`, bin],
  ] as const;
};
const windows = {
  '7d': new SlidingCounts(history.durations, 7 * DAY, durationKeys),
  '24h': new SlidingCounts(history.durations, DAY, durationKeys),
  '1h': new SlidingCounts(history.durations, HOUR, durationKeys),
};
type WindowName = keyof typeof windows;
const outcomes = new SlidingCounts(history.outcomes, 7 * DAY, (o: OutcomeFact) => [
  [`${o.team}:${o.kind}`, o.breached ? 'b' : 'm'],
]);

/** The histograms a window holds for one dimension value, by source. */
function sourcesIn(
  window: SlidingCounts<DurationFact>,
  dimension: string,
  value: string,
): SourceHistograms {
  const out: Partial<Record<(typeof SOURCES)[number], ReadonlyMap<string, number>>> = {};
  for (const s of SOURCES) {
    const h = window.get(`${dimension}:${value}:${s}`);
    if (h) out[s] = h;
  }
  return out;
}
const sourcesOf = (w: WindowName, dimension: string, value: string) =>
  sourcesIn(windows[w], dimension, value);
const histogramsOf = (k: Known, w: WindowName, cross = false): ForecastHistograms => ({
  team: sourcesOf(w, cross ? 'cross' : 'team', cross ? `${k.team}/${k.priority}` : k.team),
  priority: sourcesOf(w, 'priority', k.priority),
  all: sourcesOf(w, 'all', '*'),
});
const countOf = (h: ReadonlyMap<string, number> | undefined) =>
  [...(h?.values() ?? [])].reduce((sum, n) => sum + n, 0);

/** A forecast compared: a probability (null: none) for each clock due, by `<kind>:<cycle>`. */
type Forecast = (k: Known) => ReadonlyMap<string, number | null>;

/** Forecasts each clock due from its kind, start and deadline alone. */
const perClock =
  (p: (k: Known, due: Due) => number | null): Forecast =>
  (k) =>
    new Map(k.due.map((d) => [d.key, p(k, d)]));
/** Survival read from the team's histogram first, the priority's, all's only, or team × priority's. */
const survival = (
  w: WindowName,
  first: 'team' | 'priority' | 'all' | 'cross',
  o: ForecastOptions = {},
) =>
  perClock((k, d) => {
    const h = histogramsOf(k, w, first === 'cross');
    const prefer = first === 'priority' || first === 'all' ? 'priority' : 'team';
    const read = first === 'all' ? { all: h.all } : h;
    return breachProbability({ ...d, now: k.now }, read, { ...o, prefer })?.probability ?? null;
  });
/** The core's forecastTicket, as the live side calls it. */
const ticketForecast =
  (o: ForecastOptions, queue: boolean, allOnly = false): Forecast =>
  (k) => {
    const h = histogramsOf(k, '7d');
    return new Map(
      forecastTicket(k.view, k.now, allOnly ? { all: h.all } : h, {
        ...o,
        queue: queue ? k.queue : undefined,
      }).map((f) => [`${f.kind}:${f.cycle}`, f.probability]),
    );
  };

const FORECASTS: readonly (readonly [string, Forecast])[] = [
  ['every clock due breaches', perClock(() => 1)],
  [
    "team's breach rate of the kind, 7d",
    perClock((k, d) => {
      const bins = outcomes.get(`${k.team}:${d.kind}`);
      const b = bins?.get('b') ?? 0;
      const m = bins?.get('m') ?? 0;
      return b + m === 0 ? null : b / (b + m);
    }),
  ],
  ['clock alone: all, 7d', survival('7d', 'all')],
  ['clock alone: priority, 7d', survival('7d', 'priority')],
  ['clock alone: team, 7d', survival('7d', 'team')],
  [
    'clock alone: mean of team and priority, 7d',
    (k) => {
      const team = survival('7d', 'team')(k);
      const priority = survival('7d', 'priority')(k);
      return new Map(
        k.due.map((d) => {
          const a = team.get(d.key) ?? null;
          const b = priority.get(d.key) ?? null;
          return [d.key, a === null || b === null ? (a ?? b) : (a + b) / 2];
        }),
      );
    },
  ],
  ['clock alone: team × priority, 7d (not live)', survival('7d', 'cross')],
  ['clock alone: team, 24h', survival('24h', 'team')],
  ['clock alone: team, 1h', survival('1h', 'team')],
  ['forecastTicket: team, 7d, no queue', ticketForecast({}, false)],
  ['forecastTicket: all, 7d, queue', ticketForecast({ prefer: 'priority' }, true, true)],
  ['forecastTicket: priority, 7d, queue', ticketForecast({ prefer: 'priority' }, true)],
  ['forecastTicket: team, 7d, queue', ticketForecast({}, true)],
];
// The fallback's minimum: how small may a team's histogram be before the priority's (of
// the whole floor) does better? Teams of this floor are large, so small teams are made by
// keeping 1 in THINNING of their durations.
const THINNING = 1000;
const thinned = new SlidingCounts(
  history.durations.filter((_, i) => i % THINNING === 0),
  7 * DAY,
  (f: DurationFact) => [[`team:${f.team}:${f.code}`, binOf(f.value)]] as const,
);
const MIN_SAMPLES = [1, 10, 20, 50, 100, 300] as const;
const SWEEP = MIN_SAMPLES.map(
  (min) =>
    [
      `1 in ${int(THINNING)} of the team's durations, min ${min}`,
      perClock((k, d) => {
        const read = { ...histogramsOf(k, '7d'), team: sourcesIn(thinned, 'team', k.team) };
        return (
          breachProbability({ ...d, now: k.now }, read, { minSamples: min })?.probability ?? null
        );
      }),
    ] as const,
);

const samples: Sample[] = [];
const evalStart = history.start + 7 * DAY;
const every = options.every * MINUTE;
let next = 0;
let active: SimTicket[] = [];
let instants = 0;
const t1 = performance.now();
for (let now = evalStart + every; now + HOUR <= history.end; now += every) {
  instants++;
  for (const w of [...Object.values(windows), thinned]) w.moveTo(now);
  outcomes.moveTo(now);
  while (next < history.tickets.length && history.tickets[next]!.firstTime <= now)
    active.push(history.tickets[next++]!);
  active = active.filter((t) => t.lastDelivery >= now || t.openAtEnd);
  const known = active.flatMap((t) => knownAt(t, now, policies));
  // Each team's queue of tickets waiting for a reply, and its pace over the last hour.
  const waiting = new Map<string, WaitingTicket[]>();
  const mine = new Map<Known, WaitingTicket>();
  for (const k of known) {
    const since = waitingSince(k.view);
    if (since === null) continue;
    const w: WaitingTicket = { ticketId: k.ticket.id, priority: k.priority, since };
    mine.set(k, w);
    waiting.set(k.team, [...(waiting.get(k.team) ?? []), w]);
  }
  for (const [k, w] of mine) {
    const answered = ['fr', 'nr'].map((s) => countOf(windows['1h'].get(`team:${k.team}:${s}`)));
    k.queue = {
      ahead: queueAhead(waiting.get(k.team) ?? [], w),
      answeredPerHour: answered[0]! + answered[1]!,
    };
  }
  for (const k of known) {
    if (k.due.length === 0) continue;
    const ps = FORECASTS.map(([, f]) => f(k));
    const sweep = SWEEP.map(([, f]) => f(k));
    for (const d of k.due)
      samples.push({
        kind: d.kind,
        minutesLeft: (d.deadline - now) / MINUTE,
        breached: k.ticket.breached.has(d.key),
        p: ps.map((m) => m.get(d.key) ?? null),
        sweep: sweep.map((m) => m.get(d.key) ?? null),
      });
  }
}
const evaluateMs = performance.now() - t1;

console.log(`slawatch bench:forecast (node ${process.version})\n`);
console.log(
  `seed ${options.seed}, ${options.rate} events/s, ${options.days} days from ` +
    `${formatInstant(history.start)}: ${int(history.events)} events, ` +
    `${int(history.tickets.length)} tickets, ${int(history.durations.length)} durations; ` +
    `forecasts every ${options.every} min over the last ${options.days - 7} days ` +
    `(${int(instants)} instants). Simulate and fold ${int(simulateMs / 1000)} s, ` +
    `forecast ${int(evaluateMs / 1000)} s.\n`,
);
printForecastTables(
  samples,
  FORECASTS.map(([name]) => name),
  SWEEP.map(([name]) => name),
  {
    chosen: 'forecastTicket: team, 7d, queue',
    alone: 'clock alone: team, 7d',
    base: "team's breach rate of the kind, 7d",
  },
);
const teams = [...new Set(history.durations.map((f) => f.team))].sort();
console.log(
  `\nThinned team histograms at the last instant (fr / nr / rs durations): ` +
    teams
      .map(
        (t) =>
          `${t} ${SOURCES.map((s) => int(countOf(thinned.get(`team:${t}:${s}`)))).join(' / ')}`,
      )
      .join('; ') +
    '.',
);
