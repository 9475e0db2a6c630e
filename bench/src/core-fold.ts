import {
  appendEvents,
  decodeEvent,
  parsePolicyDocument,
  ticketTimers,
  ticketView,
  type AcceptedEvent,
  type TicketState,
} from '@slawatch/core';
import { BENCH_POLICIES, generateHistory } from './generate-history.js';

// `npm run bench:core [tickets] [eventsPerTicket]`: folds a generated week of traffic
// through the pure engine the way the tracker does and prints a table.
const tickets = Number(process.argv[2] ?? 100_000);
const perTicket = Number(process.argv[3] ?? 10);

const loaded = parsePolicyDocument(BENCH_POLICIES);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const policies = loaded.policySet;

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sample, 50);

const t0 = performance.now();
const messages = generateHistory(tickets, perTicket);
const generatedMs = performance.now() - t0;

const t1 = performance.now();
const accepted: AcceptedEvent[] = [];
messages.forEach((text, seq) => {
  const r = decodeEvent(text);
  if (r.ok) accepted.push({ event: r.event, time: r.time, seq });
});
const validateMs = performance.now() - t1;

const t2 = performance.now();
const histories = new Map<string, { history: AcceptedEvent[]; state: TicketState | null }>();
let refolds = 0;
for (const e of accepted) {
  const entry = histories.get(e.event.subject) ?? { history: [], state: null };
  const r = appendEvents(e.event.subject, entry.history, entry.state, [e], policies);
  if (r.refolded) refolds++;
  entry.history = r.history;
  entry.state = r.state;
  histories.set(e.event.subject, entry);
}
const foldMs = performance.now() - t2;

const t3 = performance.now();
const at = Date.parse('2026-11-30T00:00:00Z');
let timers = 0;
let clocks = 0;
for (const { state } of histories.values()) {
  timers += ticketTimers(state!, policies).length;
  clocks += ticketView(state!, at, policies)?.clocks.length ?? 0;
}
const viewMs = performance.now() - t3;
sample();
clearInterval(sampler);

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const rows: [string, string, string][] = [
  [
    'events',
    accepted.length.toLocaleString('en-US'),
    `${tickets.toLocaleString('en-US')} tickets, ${refolds} late-event refolds`,
  ],
  ['generate (not measured)', `${Math.round(generatedMs)} ms`, ''],
  [
    'decode + validate',
    `${Math.round(validateMs)} ms`,
    `${rate(accepted.length, validateMs)} events/s`,
  ],
  [
    'fold (appendEvents per event)',
    `${Math.round(foldMs)} ms`,
    `${rate(accepted.length, foldMs)} events/s`,
  ],
  [
    'views + timers, every ticket',
    `${Math.round(viewMs)} ms`,
    `${rate(histories.size, viewMs)} tickets/s, ${clocks} clocks, ${timers} timers`,
  ],
  [
    'validate + fold',
    `${Math.round(validateMs + foldMs)} ms`,
    `${rate(accepted.length, validateMs + foldMs)} events/s`,
  ],
  [
    'peak RSS',
    `${Math.round(peakRss / 1048576)} MiB`,
    `heap used at end ${Math.round(process.memoryUsage().heapUsed / 1048576)} MiB`,
  ],
];
console.log(
  `slawatch bench:core (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`,
);
console.log('| step | time | rate |\n| --- | --- | --- |');
for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
