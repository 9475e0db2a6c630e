import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startKafka, startRedis } from '@slawatch/test';
import { ownedChild, type OwnedChild } from './owned-child.js';
import { waitForReady } from './wait-for-ready.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'apps/slawatch/bin/slawatch.js');
const DEMO_POLICIES = join(ROOT, 'packages/traffic/demo-policies.yaml');
const env = process.env;

/** What the demo started, stopped in the reverse order. */
const started: { name: string; stop(): Promise<void> }[] = [];
let stopping = false;

const say = (text: string) => process.stderr.write(`${text}\n`);

/** One line of progress per step: what starts, then how it went and how long it took. */
async function step<T>(n: number, of: number, what: string, run: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  process.stderr.write(`[${n}/${of}] ${what} … `);
  try {
    const result = await run();
    say(`done (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    say('failed');
    throw error;
  }
}

async function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, host, () => server.close(() => resolve(true)));
  });
}

async function stopAll(): Promise<void> {
  for (const s of started.reverse()) {
    await s.stop().then(
      () => say(`${s.name} stopped`),
      (error: unknown) => say(`${s.name} failed to stop: ${String(error)}`),
    );
  }
}

/**
 * SLAWATCH_TOKENS with the simulator's ingest-only token added to the user's own. Tokens
 * that are not a JSON array are passed on untouched: the services' start then names the
 * problem, as it would without the demo.
 */
function withIngestToken(secret: string): string {
  const own = (env.SLAWATCH_TOKENS ?? '').trim();
  let tokens: unknown;
  try {
    tokens = own === '' ? [] : JSON.parse(own);
  } catch {
    return own;
  }
  if (!Array.isArray(tokens)) return own;
  const list: unknown[] = tokens;
  return JSON.stringify([...list, { name: 'demo traffic', token: secret, scopes: ['ingest'] }]);
}

async function main(): Promise<number> {
  const logs = mkdtempSync(join(tmpdir(), 'slawatch-demo-'));
  const host = env.SLAWATCH_HTTP_HOST ?? '127.0.0.1';
  const wanted = Number(env.SLAWATCH_HTTP_PORT ?? 8080);
  const token = env.SLAWATCH_ADMIN_TOKEN ?? `demo-${randomBytes(16).toString('hex')}`;
  const rate = env.SLAWATCH_DEMO_RATE ?? '20';
  // How the simulated floor's events come in: straight to Kafka (a helpdesk's producer),
  // or through the gateway's POST /api/v1/events (a helpdesk without one).
  const ingest = env.SLAWATCH_DEMO_INGEST ?? 'kafka';
  if (ingest !== 'kafka' && ingest !== 'http')
    throw new Error(`SLAWATCH_DEMO_INGEST must be kafka or http, got "${ingest}"`);
  const ingestToken = `demo-ingest-${randomBytes(16).toString('hex')}`;
  say('slawatch demo: everything it starts is stopped by Ctrl-C');

  const redisUrl = await step(1, 5, 'Redis', async () => {
    if (env.SLAWATCH_REDIS_URL) return env.SLAWATCH_REDIS_URL;
    const redis = await startRedis();
    started.push({ name: 'Redis', stop: () => redis.stop() });
    return redis.url;
  });
  const brokers = await step(2, 5, 'Kafka-protocol broker', async () => {
    if (env.SLAWATCH_KAFKA_BROKERS) return env.SLAWATCH_KAFKA_BROKERS;
    const kafka = await startKafka();
    started.push({ name: 'Kafka broker', stop: () => kafka.stop() });
    return kafka.brokers.join(',');
  });
  const port = (await portIsFree(wanted, host)) ? wanted : await freePort(host);
  const common = {
    ...env,
    SLAWATCH_KAFKA_BROKERS: brokers,
    SLAWATCH_REDIS_URL: redisUrl,
    SLAWATCH_TOPIC: env.SLAWATCH_TOPIC ?? 'tickets.events',
  };
  const services = await step(3, 5, `slawatch run all (port ${port})`, async () => {
    const child = ownedChild(
      'slawatch services',
      [CLI, 'run', 'all'],
      {
        ...common,
        SLAWATCH_POLICIES: env.SLAWATCH_POLICIES ?? DEMO_POLICIES,
        SLAWATCH_HTTP_HOST: host,
        SLAWATCH_HTTP_PORT: String(port),
        SLAWATCH_ADMIN_TOKEN: token,
        ...(ingest === 'http' ? { SLAWATCH_TOKENS: withIngestToken(ingestToken) } : {}),
        SLAWATCH_KEY_PREFIX: env.SLAWATCH_KEY_PREFIX ?? 'demo',
        SLAWATCH_LOG_LEVEL: env.SLAWATCH_LOG_LEVEL ?? 'info',
      },
      join(logs, 'services.log'),
    );
    started.push({ name: child.name, stop: () => child.stop() });
    await waitForReady(`http://${host}:${port}/readyz`, child, 90_000);
    return child;
  });
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const via = ingest === 'http' ? `, through ${base}/api/v1/events` : '';
  const simulator = await step(4, 5, `traffic simulator (${rate} events/s${via})`, () => {
    const child = ownedChild(
      'traffic simulator',
      [CLI, 'simulate-traffic', '--rate', rate, ...(ingest === 'http' ? ['--http', base] : [])],
      ingest === 'http' ? { ...common, SLAWATCH_INGEST_TOKEN: ingestToken } : common,
      join(logs, 'simulator.log'),
      (line) => say(`  simulator │ ${line}`),
    );
    started.push({ name: child.name, stop: () => child.stop('SIGINT') });
    return Promise.resolve(child);
  });
  await step(5, 5, 'wallboard', () => waitForReady(`${base}/`, services, 10_000));
  say(`
slawatch is running.

  wallboard   ${base}/#token=${token}
  API docs    ${base}/docs
  metrics     ${base}/metrics
  admin token ${token}
  logs        ${logs}

The wallboard link signs you in as admin ("Wallboard link…" makes read-only ones).
Press Ctrl-C to stop everything the demo started.
`);
  const failed = await Promise.race(
    [services, simulator].map((c: OwnedChild) => c.exited.then((how) => ({ c, how }))),
  );
  if (stopping) return 0;
  say(
    `\n${failed.c.name} stopped unexpectedly (${failed.how}); its last lines:\n${failed.c.tail()}`,
  );
  return 1;
}

const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) {
    // Impatient: what is still running is killed as the process exits (the harness' hook).
    say(`${signal} again: exiting now`);
    process.exit(130);
  }
  stopping = true;
  say(`\n${signal}: stopping`);
  void stopAll().then(() => process.exit(0));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

main().then(
  async (code) => {
    if (stopping) return;
    stopping = true;
    await stopAll();
    process.exit(code);
  },
  async (error: unknown) => {
    say(`slawatch demo: ${error instanceof Error ? error.message : String(error)}`);
    stopping = true;
    await stopAll();
    process.exit(1);
  },
);
