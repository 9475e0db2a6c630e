import { decodeEvent, periodReport, type AcceptedEvent } from '@slawatch/core';
import { int, perSecond } from './format.js';
import { BENCH_POLICIES, generateHistory } from './generate-history.js';
import { loadPolicies } from './load-policies.js';

// `npm run bench:report [ticketsPerDay] [days] [eventsPerTicket]`: `slawatch report`'s work
// for a month at 100,000 tickets a day by default (30 days of 10-event tickets, 30 million
// events): validating and grouping the history day by day, then the report by team (every
// ticket folded for the month and for the month before it). One table on stdout.
const perDay = Number(process.argv[2] ?? 100_000);
const days = Number(process.argv[3] ?? 30);
const perTicket = Number(process.argv[4] ?? 10);
const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00Z');

const policies = loadPolicies(BENCH_POLICIES);
const heapBefore = heapUsed();
const byTicket = new Map<string, AcceptedEvent[]>();
let events = 0;
let readMs = 0;
for (let d = 0; d < days; d++) {
  // Generated a day at a time (its JSON dropped after), so only the held events add up.
  const messages = generateHistory(perDay, perTicket, 42 + d, {
    start: START + d * DAY,
    ms: DAY,
    prefix: `D${d}`,
  });
  const t0 = performance.now();
  for (const text of messages) {
    const r = decodeEvent(text);
    if (!r.ok) continue;
    const list = byTicket.get(r.event.subject) ?? [];
    list.push({ event: r.event, time: r.time, seq: events++ });
    byTicket.set(r.event.subject, list);
  }
  readMs += performance.now() - t0;
  process.stderr.write(`\rday ${d + 1} of ${days}: ${int(events)} events`);
}
process.stderr.write('\n');
const heldBytes = heapUsed() - heapBefore;
const t1 = performance.now();
const report = periodReport(byTicket, policies, {
  from: START,
  to: START + days * DAY,
  by: 'team',
});
const reportMs = performance.now() - t1;

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const rows: [string, string][] = [
  ['period', `${days} days, ${int(perDay)} tickets a day`],
  ['events / tickets', `${int(events)} / ${int(byTicket.size)}`],
  ['validate and group', `${perSecond(events, readMs)} events (${(readMs / 1000).toFixed(1)} s)`],
  [
    'report by team (fold for the period and the one before)',
    `${perSecond(events, reportMs)} events (${(reportMs / 1000).toFixed(1)} s)`,
  ],
  ['whole report (without reading Kafka)', `${((readMs + reportMs) / 1000).toFixed(1)} s`],
  [
    'history held in memory',
    `${int(heldBytes / 2 ** 20)} MiB (${int(heldBytes / events)} B an event)`,
  ],
  ['peak RSS', `${int(process.resourceUsage().maxRSS / 1024)} MiB`],
  ['breached clocks in the period', int(report.breachedCount)],
];
const width = Math.max(...rows.map(([k]) => k.length));
process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
