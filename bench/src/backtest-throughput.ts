import { comparePolicies, decodeEvent, type AcceptedEvent } from '@slawatch/core';
import { int, perSecond } from './format.js';
import { BENCH_POLICIES, generateHistory } from './generate-history.js';
import { loadPolicies } from './load-policies.js';

// `npm run bench:backtest [tickets] [eventsPerTicket]`: `slawatch backtest`'s work over a
// generated week of traffic (100,000 tickets of 10 events by default): validating the
// history and folding every ticket under the benchmark's policies and a candidate that
// relaxes first responses and adds a periodic update, then comparing. One table on stdout.
const tickets = Number(process.argv[2] ?? 100_000);
const perTicket = Number(process.argv[3] ?? 10);

const current = loadPolicies(BENCH_POLICIES);
const candidate = loadPolicies(
  BENCH_POLICIES.replace(
    'targets: { firstResponse: 15m,',
    'targets: { periodicUpdate: 2h, firstResponse: 30m,',
  ),
);

const messages = generateHistory(tickets, perTicket);
const heapBefore = heapUsed();
const t0 = performance.now();
const byTicket = new Map<string, AcceptedEvent[]>();
let latest = -Infinity;
messages.forEach((text, seq) => {
  const r = decodeEvent(text);
  if (!r.ok) return;
  const list = byTicket.get(r.event.subject) ?? [];
  list.push({ event: r.event, time: r.time, seq });
  byTicket.set(r.event.subject, list);
  latest = Math.max(latest, r.time);
});
const readMs = performance.now() - t0;
const heldBytes = heapUsed() - heapBefore;
const t1 = performance.now();
const report = comparePolicies(byTicket, current, candidate, {
  from: latest - 7 * 86_400_000,
  until: latest,
});
const compareMs = performance.now() - t1;

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const rows: [string, string][] = [
  ['events / tickets', `${int(messages.length)} / ${int(byTicket.size)}`],
  ['validate and group', `${perSecond(messages.length, readMs)} events (${int(readMs)} ms)`],
  [
    'fold twice and compare',
    `${perSecond(messages.length, compareMs)} events (${int(compareMs)} ms)`,
  ],
  [
    'whole backtest (without reading Kafka)',
    `${perSecond(messages.length, readMs + compareMs)} events`,
  ],
  [
    'history held in memory',
    (globalThis as { gc?: unknown }).gc
      ? `${int(heldBytes / messages.length)} B per event`
      : 'run with node --expose-gc to measure',
  ],
  ['tickets whose outcomes change', int(report.changedCount)],
];
console.log(`slawatch bench:backtest (node ${process.version})\n`);
console.log('| measure | result |\n| --- | --- |');
for (const [m, r] of rows) console.log(`| ${m} | ${r} |`);
