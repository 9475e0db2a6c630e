import { fileURLToPath } from 'node:url';
import { freePort, quietKafka, startKafka, startRedis } from '@slawatch/test';
import { ensureTopics } from './ensure-topics.js';
import { int } from './format.js';
import { generateHistory } from './generate-history.js';
import { summarizeLatencies } from './latency-summary.js';
import { numericUsage, readNumericFlags } from './numeric-flags.js';
import { processTreeCpuMs } from './process-tree-cpu.js';
import { progress } from './progress.js';
import { runTopics, serviceEnv } from './service-env.js';
import { startService } from './start-service.js';

// `npm run bench:ingest [-- --events=N --clients=N]`: POST /api/v1/events on a running
// `slawatch run gateway` (its own process, on a private Redis and a 1-broker mock Kafka):
// for batches of 1, 100 and 1,000 events, the events a second it takes from a few
// concurrent clients, each request answered once Kafka has acknowledged its events, the
// requests' latency, and the gateway's CPU per event. Prints one markdown table.
const SPEC = {
  events: { flag: 'events', env: 'BENCH_EVENTS', default: 60_000 },
  clients: { flag: 'clients', env: 'BENCH_CLIENTS', default: 8 },
};
const USAGE = numericUsage('bench:ingest', SPEC);
const TOKEN = 'bench-ingest-token-0123456789';
const BATCHES = [1, 100, 1_000];
const POLICIES = fileURLToPath(
  new URL('../../packages/traffic/demo-policies.yaml', import.meta.url),
);

let flags: Record<keyof typeof SPEC, number>;
try {
  flags = readNumericFlags(process.argv.slice(2), process.env, SPEC, USAGE);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

progress('starting a private redis-server, a 1-broker mock Kafka and slawatch run gateway');
const [redis, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
const run = Date.now().toString(36);
const port = await freePort();
await ensureTopics(quietKafka(broker.brokers, 'bench-ingest'), [runTopics('ingest', run).events]);
const gateway = startService('gateway', {
  ...serviceEnv({
    name: 'ingest',
    run,
    brokers: broker.brokers,
    redisUrl: redis.url,
    policies: POLICIES,
  }),
  SLAWATCH_HTTP_PORT: String(port),
  SLAWATCH_TOKENS: JSON.stringify([{ name: 'bench', token: TOKEN, scopes: ['ingest'] }]),
  // The benchmark is one client address: the per-address rate limit would be the figure.
  SLAWATCH_RATE_LIMIT: '1000000',
  SLAWATCH_INGEST_CONCURRENCY: '1000',
});
const rows: string[] = [];
try {
  await gateway.waitFor('gateway listening', 30_000);
  const pid = gateway.child.pid!;
  const url = `http://127.0.0.1:${port}/api/v1/events`;
  const events = generateHistory(Math.ceil(flags.events / 10), 10).slice(0, flags.events);
  for (const batch of BATCHES) {
    const bodies: string[] = [];
    for (let i = 0; i < events.length; i += batch)
      bodies.push(`[${events.slice(i, i + batch).join(',')}]`);
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const cpuFrom = processTreeCpuMs(pid);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: flags.clients }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const sent = performance.now();
          // Node's fetch keeps its connections alive: one per client loop, reused.
          const res = await fetch(url, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${TOKEN}`,
              'content-type': 'application/cloudevents-batch+json',
            },
            body,
          });
          await res.arrayBuffer();
          if (res.status !== 200) failed += 1;
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const ms = performance.now() - t0;
    const cpuMs = processTreeCpuMs(pid) - cpuFrom;
    const s = summarizeLatencies(latencies);
    rows.push(
      `| ${int(batch)} | ${int(bodies.length)} | ${int((events.length * 1000) / ms)}/s | ` +
        `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)} ms | ` +
        `${((cpuMs * 1000) / events.length).toFixed(1)} us | ${failed} |`,
    );
    progress(`batches of ${batch}: ${rows.at(-1)}`);
  }
} finally {
  await gateway.stop();
  await Promise.all([broker.stop(), redis.stop()]);
}
console.log(`
\`npm run bench:ingest\`: ${int(flags.events)} events (bench:pipeline's history) per row, ${flags.clients} clients on keep-alive connections, each request answered after Kafka's acknowledgement (acks=-1).

| events per request | requests | events taken | request p50 / p99 / max | gateway CPU per event | not 200 |
| ------------------ | -------- | ------------ | ----------------------- | --------------------- | ------- |
${rows.join('\n')}
`);
