import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { parsePolicyDocument } from '@slawatch/core';
import { buildGateway, TokenStore } from '@slawatch/gateway';
import {
  createKeys,
  DeltaSubscriber,
  ExporterLease,
  createStoreAdapters,
  updateTickets,
  type UpdateDeps,
} from '@slawatch/store';
import { startRedis, type RedisServer } from '@slawatch/test';
import { connectRedis } from './connect-redis.js';
import { CpuMeter } from './cpu-meter.js';
import { FANOUT_POLICIES, FANOUT_VIEWS, trafficRound } from './fanout-traffic.js';
import type { FanoutClientsInput, FanoutFromClients } from './fanout-messages.js';
import { int, percent } from './format.js';
import { summarizeLatencies, type LatencySummary } from './latency-summary.js';
import { progress } from './progress.js';

// `node bench/dist/gateway-fanout.js [--clients=1000,2500,5000] [--seconds=25] [--search=1]
// [--rate=1] [--min-interval-ms=N]` (`ulimit -n` must exceed the client count): one gateway
// on a private Redis, N wallboard websockets in a child process, each subscribed to 2 of 8
// views, and `rate` tracker batches a second that each change every view. Prints delivery
// latency (delta published to update received) per client count, then searches for the
// most clients with p99 < 250 ms. Above one batch a second, the gateway coalesces deltas
// under load: fewer updates than batches arrive. `--min-interval-ms` sets the gateway's
// live.minIntervalMs (500 gives the fixed 500 ms pacing of before issue 18).
const flag = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const counts = flag('clients', '1000,2500,5000').split(',').map(Number);
const seconds = Number(flag('seconds', '25'));
const search = flag('search', '1') !== '0';
const maxClients = Number(flag('max', '16000'));
const rate = Number(flag('rate', '1'));
const minInterval = flag('min-interval-ms', '');
const live = minInterval === '' ? {} : { minIntervalMs: Number(minInterval) };
if (
  counts.some((n) => !(n > 0)) ||
  !(seconds > 0 && seconds <= 120) ||
  !(maxClients > 0) ||
  !Number.isInteger(rate) ||
  !(rate >= 1 && rate <= 20) ||
  !((live.minIntervalMs ?? 0) >= 0)
) {
  console.error(
    '--clients takes positive counts, --seconds 1 to 120, --max a positive count, --rate 1 to 20 (whole), --min-interval-ms >= 0',
  );
  process.exit(2);
}
const AIM_MS = 250;
const SUBSCRIPTIONS = 2;
const TOKEN = `bench-${randomBytes(12).toString('hex')}`;
const WEEK = 7 * 86_400_000;
const loaded = parsePolicyDocument(FANOUT_POLICIES);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const { policySet, document } = loaded;

interface RunResult {
  readonly clients: number;
  readonly connected: number;
  readonly expected: number;
  readonly latency: LatencySummary;
  readonly dropped: number;
  readonly rssMiB: number;
  readonly cpu: { gateway: number; clients: number; redis: number };
  readonly views: number;
}

const passes = (r: RunResult) =>
  r.latency.p99 < AIM_MS && r.dropped === 0 && r.latency.count >= 0.99 * r.expected;

function nextMessage<T extends FanoutFromClients['type']>(child: ChildProcess, type: T) {
  return new Promise<Extract<FanoutFromClients, { type: T }>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the clients exited (${code})`));
    child.once('exit', onExit);
    child.on('message', function listen(message: FanoutFromClients) {
      if (message.type !== type) return;
      child.off('message', listen);
      child.off('exit', onExit);
      resolve(message as Extract<FanoutFromClients, { type: T }>);
    });
  });
}

const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function measure(server: RedisServer, clients: number): Promise<RunResult> {
  const redis = await connectRedis(server.url);
  const run = `r${clients}`;
  const keys = createKeys(`fanout-${run}-${randomBytes(3).toString('hex')}`);
  const adapters = createStoreAdapters(redis, keys, policySet, { retentionMs: WEEK });
  const { store, metrics, lists, deliveries } = adapters;
  const update: UpdateDeps = { ...adapters, announce: () => Promise.resolve() };
  const start = Date.now();
  await updateTickets(update, trafficRound(run, 0, start, start), start);
  const app = await buildGateway({
    deps: {
      store,
      metrics,
      lists,
      deltas: new DeltaSubscriber(redis, keys),
      tokens: new TokenStore(redis, keys.tokens, [
        { name: 'wallboards', secret: TOKEN, scopes: ['read'] },
      ]),
      policies: policySet,
      policyDocument: document,
      readiness: [],
      exporterLease: new ExporterLease(redis, keys.exporterLease),
      deliveries,
      now: Date.now,
    },
    // Every wallboard connects from 127.0.0.1 here.
    rateLimitPerMinute: 1_000_000_000,
    // And with the one token: a building's screens share it, but not thousands per gateway.
    live: { maxConnectionsPerToken: clients, ...live },
  });
  await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
  const input: FanoutClientsInput = {
    url: `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/live`,
    token: TOKEN,
    clients,
    views: FANOUT_VIEWS,
    subscriptionsPerClient: SUBSCRIPTIONS,
    spread: FANOUT_VIEWS.length / SUBSCRIPTIONS,
  };
  const child = fork(new URL('./fanout-clients.js', import.meta.url), [JSON.stringify(input)]);
  try {
    progress(`${int(clients)} clients: connecting`);
    const ready = await nextMessage(child, 'connected');
    if (ready.failed > 0) progress(`${int(ready.failed)} clients could not connect`);
    progress(
      `${int(ready.connected)} connected, ${int(ready.snapshots)} snapshots; ${seconds} s of traffic`,
    );
    let rss = process.memoryUsage().rss;
    const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 100);
    const meter = new CpuMeter({ redis: server.pid, broker: -1 });
    const before = meter.sample();
    const clientsBefore = await cpuOf(child);
    // The views were just read for the snapshots: a round now would wait for their next
    // read (minIntervalMs later), which steady traffic never does.
    await sleepUntil(Date.now() + 1000);
    const from = Date.now();
    for (let round = 1; round <= seconds * rate; round++) {
      await sleepUntil(from + ((round - 1) * 1000) / rate);
      await updateTickets(update, trafficRound(run, round, start, Date.now()), Date.now());
    }
    const to = Date.now();
    // The last round's updates, and any late one, arrive.
    await sleepUntil(to + 2000);
    clearInterval(sampler);
    const after = meter.sample();
    child.send({ type: 'report', from, to });
    const report = await nextMessage(child, 'report');
    const wall = after.at - before.at;
    return {
      clients,
      connected: ready.connected,
      expected: ready.connected * SUBSCRIPTIONS * seconds * rate,
      latency: summarizeLatencies(report.latencies),
      dropped: app.live.clientsDropped + report.closedEarly,
      rssMiB: rss / 1_048_576,
      cpu: {
        gateway: (after.node - before.node) / wall,
        clients: (report.cpuMs - clientsBefore) / wall,
        redis: (after.redis - before.redis) / wall,
      },
      views: app.live.views,
    };
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) =>
      child.exitCode === null ? child.once('exit', resolve) : resolve(null),
    );
    await app.close();
    await adapters.close();
    await redis.flushdb();
    await redis.quit();
  }
}

/** The client process's CPU time so far (ms), from a report over an empty span. */
async function cpuOf(child: ChildProcess): Promise<number> {
  child.send({ type: 'report', from: 0, to: 0 });
  return (await nextMessage(child, 'report')).cpuMs;
}

const row = (r: RunResult) =>
  [
    int(r.clients),
    `${int(r.latency.count)} of ${int(r.expected)} (${percent(r.latency.count, r.expected)})`,
    `${Math.round(r.latency.p50)} ms`,
    `${Math.round(r.latency.p95)} ms`,
    `${Math.round(r.latency.p99)} ms`,
    `${Math.round(r.latency.max)} ms`,
    int(r.dropped),
    `${int(r.rssMiB)} MiB`,
    `gateway ${r.cpu.gateway.toFixed(2)}, clients ${r.cpu.clients.toFixed(2)}, redis ${r.cpu.redis.toFixed(2)}`,
  ].join(' | ');

let server: RedisServer | undefined;
try {
  progress('starting a private redis-server');
  server = await startRedis();
  const results: RunResult[] = [];
  const runAt = async (n: number) => {
    const r = await measure(server!, n);
    progress(`${row(r)}`);
    results.push(r);
    return r;
  };
  for (const n of counts) await runAt(n);
  if (search) {
    // Grow past the largest passing count until one fails, then halve the gap.
    const best = () => Math.max(0, ...results.filter(passes).map((r) => r.clients));
    const worst = () =>
      Math.min(
        Infinity,
        ...results.filter((r) => !passes(r) && r.clients > best()).map((r) => r.clients),
      );
    while (worst() === Infinity && best() > 0 && best() < maxClients)
      await runAt(Math.min(maxClients, Math.round((best() * 1.5) / 500) * 500));
    while (worst() !== Infinity && worst() - best() > Math.max(500, best() * 0.1))
      await runAt(Math.round((best() + worst()) / 2 / 250) * 250);
  }
  const cpu = cpus();
  console.log(
    `slawatch bench:gateway (node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  console.log(
    `${FANOUT_VIEWS.length} views, ${SUBSCRIPTIONS} subscriptions per client, every view changed ${rate === 1 ? 'once' : `${rate} times`} a second for ${seconds} s${live.minIntervalMs === undefined ? '' : `, live.minIntervalMs ${live.minIntervalMs}`}; latency = delta published to update received\n`,
  );
  console.log(
    '| clients | updates delivered | p50 | p95 | p99 | max | dropped | gateway RSS (peak) | CPU (cores, average over the run) |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of [...results].sort((a, b) => a.clients - b.clients)) console.log(`| ${row(r)} |`);
  const fit = results.filter(passes).map((r) => r.clients);
  console.log(
    `\nmost clients with p99 < ${AIM_MS} ms, none dropped, >= 99% delivered: ${fit.length ? int(Math.max(...fit)) : 'none'} of those measured`,
  );
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await server?.stop();
}
