import { Worker } from 'node:worker_threads';
import {
  advanceTicket,
  parsePolicyDocument,
  ticketCounts,
  ticketMetrics,
  type PolicySet,
} from '@slawatch/core';
import { buildGateway, SlaExposition, TokenStore } from '@slawatch/gateway';
import {
  createKeys,
  createStoreAdapters,
  DeltaSubscriber,
  ExporterLease,
  type MetricUpdate,
} from '@slawatch/store';
import { startRedis, type RedisServer } from '@slawatch/test';
import { connectRedis } from './connect-redis.js';
import { int } from './format.js';
import { BENCH_POLICIES } from './generate-history.js';
import { summarizeLatencies } from './latency-summary.js';
import { ticketEvents } from './metrics-traffic.js';
import { progress } from './progress.js';

// `npm run bench:gateway` (second part): how long a Prometheus scrape of GET /metrics
// takes, over the SLA series of a day of tickets, for a few label cardinalities (the
// traffic's 5 teams, then its tickets spread over more teams). Prints a table.
const TICKETS = 20_000;
const SCRAPES = 200;
const BATCH = 500;
const DAY = 86_400_000;

const loaded = parsePolicyDocument(BENCH_POLICIES);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const policies: PolicySet = loaded.policySet;

/** Scrapes `url` `count` times (after 10 to warm up) from a worker thread. */
function scrapeFromWorker(url: string, count: number): Promise<{ body: string; times: number[] }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const times = [];
      let body = '';
      for (let i = 0; i < workerData.count + 10; i++) {
        const t0 = performance.now();
        body = await (await fetch(workerData.url)).text();
        if (i >= 10) times.push(performance.now() - t0);
      }
      parentPort.postMessage({ body, times });
    })();
  `;
  const worker = new Worker(code, { eval: true, workerData: { url, count } });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: { body: string; times: number[] }) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

let server: RedisServer | undefined;
try {
  server = await startRedis();
  const redis = await connectRedis(server.url);
  const rows: string[][] = [];
  const only = process.argv.find((a) => a.startsWith('--teams='));
  for (const teams of only ? [Number(only.slice(8))] : [5, 50, 200]) {
    const keys = createKeys(`bench-scrape-${teams}`);
    const adapters = createStoreAdapters(redis, keys, policies, { retentionMs: DAY });
    const { store, metrics, lists, deliveries } = adapters;
    const now = Date.now();
    progress(`applying ${int(TICKETS)} tickets over ${teams} teams`);
    for (let first = 0; first < TICKETS; first += BATCH) {
      const updates: MetricUpdate[] = [];
      for (let n = first; n < Math.min(TICKETS, first + BATCH); n++) {
        const events = ticketEvents(n, now - DAY + Math.floor((n / TICKETS) * DAY), now);
        // Spread the tickets over `teams` teams (the traffic has 5).
        const created = events[0]!.event.data as { team?: string };
        if (teams !== 5) created.team = `team-${n % teams}`;
        const a = advanceTicket(`T-${n}`, null, events, now, policies);
        updates.push({
          ticketId: `T-${n}`,
          version: 1,
          metrics: ticketMetrics(a.state, now, policies),
          counts: ticketCounts(a.state, a.history, a.marks, now, policies),
          ttlMs: 0,
        });
      }
      await metrics.apply(updates, now);
    }
    const fields = await redis.hlen(keys.series);
    const app = await buildGateway({
      deps: {
        store,
        metrics,
        lists,
        tokens: new TokenStore(redis, keys.tokens, []),
        policies,
        policyDocument: loaded.document,
        readiness: [],
        exporterLease: new ExporterLease(redis, keys.exporterLease),
        deliveries,
        deltas: new DeltaSubscriber(redis, keys),
        now: Date.now,
      },
      rateLimitPerMinute: 1_000_000,
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    progress(`scraping ${SCRAPES} times`);
    // The scraper runs in a thread of its own, as Prometheus would in a process of its own:
    // its reading and parsing must not be counted against the gateway's event loop.
    const { body, times } = await scrapeFromWorker(`${address}/metrics`, SCRAPES);
    await app.close();
    await adapters.close();
    // Where a scrape's time goes: the Redis read and the formatting, without HTTP.
    const reads: number[] = [];
    const formats: number[] = [];
    const exposition = new SlaExposition();
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const stored = await metrics.series.fields();
      const t1 = performance.now();
      exposition.format(stored);
      if (i < 10) continue;
      reads.push(t1 - t0);
      formats.push(performance.now() - t1);
    }
    const samples = body.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const sla = samples.filter((l) => /^slawatch_(events|sla|open|first|resolution)/.test(l));
    const labelSets = new Set(
      sla
        .filter((l) => l.startsWith('slawatch_events_total'))
        .map((l) => l.replace(/type="[^"]*",?/, '').replace(/ \S+$/, '')),
    );
    const s = summarizeLatencies(times);
    rows.push([
      String(teams),
      int(labelSets.size),
      int(fields),
      int(sla.length),
      `${int(body.length / 1024)} KiB`,
      `${s.p50.toFixed(1)} ms`,
      `${s.p99.toFixed(1)} ms`,
      `${s.max.toFixed(1)} ms`,
      `${summarizeLatencies(reads).p50.toFixed(1)} ms`,
      `${summarizeLatencies(formats).p50.toFixed(1)} ms`,
    ]);
  }
  await redis.quit();
  const head = [
    'teams',
    'label sets',
    'Redis fields',
    'SLA samples',
    'exposition',
    'scrape p50',
    'p99',
    'max',
    'of which Redis read (p50)',
    'formatting (p50)',
  ];
  console.log(
    `\nGET /metrics over ${int(TICKETS)} tickets, ${SCRAPES} scrapes each (HTTP, one scraper in its own thread)\n`,
  );
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  await server?.stop();
}
