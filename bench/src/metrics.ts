import { cpus } from 'node:os';
import {
  foldTicket,
  OPEN_STATUSES,
  parsePolicyDocument,
  ticketMetrics,
  type Dimension,
  type PolicySet,
} from '@slawatch/core';
import { createKeys, LiveLists, MetricWindows, type MetricUpdate } from '@slawatch/store';
import { startRedis, type RedisServer } from '@slawatch/test';
import { connectRedis } from './connect-redis.js';
import { int, perSecond } from './format.js';
import { BENCH_POLICIES } from './generate-history.js';
import { formatLatencies, summarizeLatencies } from './latency-summary.js';
import { ticketEvents, type AgentModel } from './metrics-traffic.js';
import { progress } from './progress.js';
import { memoryUsage, scanKeys, settledDataMemory } from './redis-memory.js';

// `npm run bench:metrics [-- --per-day=N --days=N --agents=team|any]`: the rolling-metric
// windows for N tickets a day over N days (default 100,000 a day for 7 days), on a private
// Redis: how fast they are applied, the Redis memory they take, and how long queries take.
// `--agents` says how tickets find their agent (metrics-traffic.ts, AgentModel).
const flag = (name: string, fallback: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.split('=')[1]) : fallback;
  if (!(value > 0)) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
  return value;
};
const perDay = flag('per-day', 100_000);
const days = flag('days', 7);
// Redis' `hash-max-listpack-entries`: hashes up to this size stay compact listpacks. By
// default Redis' own default, 512 (this benchmark set 128 from 1af3b0f to 2026-12-07,
// taken for the default: see bench/RESULTS.md, bench:metrics).
const listpack = flag('listpack', 512);
const agentArg = process.argv.find((a) => a.startsWith('--agents='))?.split('=')[1] ?? 'team';
if (agentArg !== 'team' && agentArg !== 'any') {
  console.error('--agents must be team or any');
  process.exit(2);
}
const agents: AgentModel = agentArg;
const BATCH = 500;
const DAY = 86_400_000;

const loaded = parsePolicyDocument(BENCH_POLICIES);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const policies: PolicySet = loaded.policySet;

let server: RedisServer | undefined;
try {
  server = await startRedis();
  const redis = await connectRedis(server.url);
  await redis.config('SET', 'hash-max-listpack-entries', String(listpack));
  const keys = createKeys('bench-metrics');
  const windows = new MetricWindows(redis, keys, policies.metrics);
  const now = Date.now();
  const tickets = Math.round(perDay * days);
  const before = await settledDataMemory(redis);

  // Tickets in creation order, applied in tracker-sized batches with their final state.
  progress(`applying ${int(tickets)} tickets (${int(perDay)} a day over ${days} days)`);
  let events = 0;
  let applyMs = 0;
  let foldMs = 0;
  for (let first = 0; first < tickets; first += BATCH) {
    const updates: MetricUpdate[] = [];
    const f0 = performance.now();
    for (let n = first; n < Math.min(tickets, first + BATCH); n++) {
      const createdAt = now - days * DAY + Math.floor((n / tickets) * days * DAY);
      const accepted = ticketEvents(n, createdAt, now, undefined, agents);
      events += accepted.length;
      const state = foldTicket(`T-${n}`, accepted, policies, now);
      const finished = state.closed || state.deleted || state.status === 'solved';
      updates.push({
        ticketId: `T-${n}`,
        version: 1,
        metrics: ticketMetrics(state, now, policies),
        ttlMs: finished ? 7 * DAY : 0,
      });
    }
    const a0 = performance.now();
    foldMs += a0 - f0;
    await windows.apply(updates, now);
    applyMs += performance.now() - a0;
    if ((first / BATCH) % 200 === 0) progress(`${int(first)} tickets applied`);
  }
  const after = await settledDataMemory(redis);

  progress('measuring memory by kind of key');
  const prefix = '{bench-metrics:m}';
  const kinds = [
    ['per-minute buckets', `${prefix}:m:*`],
    ['per-hour buckets', `${prefix}:h:*`],
    ['ticket contributions', `${prefix}:c:*`],
    ['requester contact lists', `${prefix}:q:*`],
    ['gauges', `${prefix}:g:*`],
    ['drill-down: open tickets by gauge', `${prefix}:x:g*`],
    ['drill-down: finished clocks by minute', `${prefix}:x:o:*`],
    ['Prometheus SLA series', `${prefix}:s`],
  ] as const;
  const memoryRows: string[][] = [];
  for (const [name, pattern] of kinds) {
    const found = await scanKeys(redis, pattern);
    const sample = found.filter((_, i) => i % Math.max(1, Math.floor(found.length / 2000)) === 0);
    const sizes = await memoryUsage(redis, sample);
    const avg = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
    memoryRows.push([
      `memory: ${name}`,
      `${int((avg * found.length) / 1_048_576)} MiB`,
      `${int(found.length)} keys, ${int(avg)} B avg (MEMORY USAGE of ${int(sample.length)})`,
    ]);
  }

  progress('timing queries');
  const queryRows: string[][] = [];
  const dimensions: Dimension[] = ['all', 'team', 'assignee'];
  for (const window of policies.metrics.windows)
    for (const dimension of dimensions) {
      const times: number[] = [];
      let values = 0;
      for (let i = 0; i < 20; i++) {
        const q0 = performance.now();
        const report = await windows.query({ windowMs: window.ms, dimension }, Date.now());
        times.push(performance.now() - q0);
        values = Object.keys(report.values).length;
      }
      queryRows.push([
        `query ${window.name} by ${dimension}`,
        formatLatencies(summarizeLatencies(times)),
        `${values} values; 20 queries, one pipelined round trip each`,
      ]);
    }
  // The agents view of one team (GET /api/v1/agents): the team's row and its agents'.
  for (const window of policies.metrics.windows) {
    const times: number[] = [];
    let agentCount = 0;
    for (let i = 0; i < 20; i++) {
      const q0 = performance.now();
      const view = await windows.agents({ windowMs: window.ms, team: 'emea' }, Date.now());
      times.push(performance.now() - q0);
      agentCount = Object.keys(view.values).length;
    }
    queryRows.push([
      `agents ${window.name} of a team`,
      formatLatencies(summarizeLatencies(times)),
      `${agentCount} agents; 20 queries, one pipelined round trip each`,
    ]);
  }
  // The drill-down's longest reads: every clock finished in the last day, every open ticket.
  const lists = new LiveLists(redis, keys, windows, 10_000);
  for (const [name, read] of [
    [
      'outcomes of the last day',
      () => lists.outcomes(Date.now() - DAY, Date.now(), {}, {}, 10_000),
    ],
    ['open tickets, every status', () => lists.tickets({ statuses: OPEN_STATUSES }, {}, 10_000)],
  ] as const) {
    const times: number[] = [];
    let listed = 0;
    for (let i = 0; i < 5; i++) {
      const q0 = performance.now();
      listed = (await read()).length;
      times.push(performance.now() - q0);
    }
    queryRows.push([
      `drill-down: ${name}`,
      formatLatencies(summarizeLatencies(times)),
      `${int(listed)} listed (at most 10,000); 5 reads`,
    ]);
  }
  // The wallboard's sparklines: every tile's trend over the window, by team (its scope).
  for (const window of policies.metrics.windows) {
    const times: number[] = [];
    let slices = 0;
    for (let i = 0; i < 20; i++) {
      const q0 = performance.now();
      const trend = await windows.trend({ windowMs: window.ms, dimension: 'team' }, Date.now());
      times.push(performance.now() - q0);
      slices = trend.slices.length;
    }
    queryRows.push([
      `trend ${window.name} by team`,
      formatLatencies(summarizeLatencies(times)),
      `${slices} slices; 20 queries, one pipelined round trip each`,
    ]);
  }
  const cpu = cpus();
  console.log(
    `slawatch bench:metrics (node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  const rows = [
    [
      'tickets applied',
      int(tickets),
      `${int(events)} events, ${int(perDay)} tickets a day over ${days} days, in batches of ${BATCH}; Redis hash-max-listpack-entries ${listpack}`,
    ],
    [
      'apply throughput',
      perSecond(tickets, applyMs),
      `MetricWindows.apply only (fold and facts: ${int(foldMs)} ms more)`,
    ],
    [
      'memory: all metric keys',
      `${int((after - before) / 1_048_576)} MiB`,
      `used_memory growth, ${int((after - before) / tickets)} B per ticket`,
    ],
    ...memoryRows,
    ...queryRows,
  ];
  console.log('| measure | result | notes |\n| --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  await redis.quit();
} finally {
  await server?.stop();
}
