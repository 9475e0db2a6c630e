import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { freePort, quietKafka, startKafka, startRedis } from '@slawatch/test';
import { connectRedis } from './connect-redis.js';
import { ensureTopics } from './ensure-topics.js';
import { int } from './format.js';
import { progress } from './progress.js';
import { readFlags } from './read-flags.js';
import { sumsByName } from './prometheus-samples.js';
import { addCpuCores, redisCpuSeconds } from './soak-cpu.js';
import { verdictOf, type SoakSeries } from './soak-verdict.js';
import { startService, type ServiceProcess } from './start-service.js';
import { runTopics, serviceEnv } from './service-env.js';

// `npm run bench:soak [-- --minutes N --rate R --interval S --retention D]`: the demo's
// traffic (`slawatch simulate-traffic`, default 10x the demo's 20 events/s) against
// `slawatch run tracker`, `alerter` and `gateway` as their own processes, on a private
// redis-server and mock Kafka broker, sampled every few seconds; a table over time on
// stdout, and a verdict per series: does it level off, or grow without bound?
const USAGE =
  'usage: npm run bench:soak -- [--minutes=30] [--rate=200] [--interval=10] [--retention=10m]';
const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = `${root}apps/slawatch/bin/slawatch.js`;
const DEMO_POLICIES = `${root}packages/traffic/demo-policies.yaml`;
const MB = 1024 * 1024;

/** `--minutes 5` and `--minutes=5` alike. */
const joined = (argv: readonly string[]) =>
  argv.flatMap((arg, i) =>
    /^--[a-z-]+$/.test(arg) && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')
      ? [`${arg}=${argv[i + 1]}`]
      : i > 0 && /^--[a-z-]+$/.test(argv[i - 1]!) && !arg.startsWith('--')
        ? []
        : [arg],
  );

function readOptions() {
  const flags = readFlags(
    joined(process.argv.slice(2)),
    ['minutes', 'rate', 'interval', 'retention'],
    USAGE,
  );
  const number = (name: string, fallback: number) => {
    const value = Number(flags.get(name) ?? fallback);
    if (!(value > 0)) throw new Error(`--${name}: must be a number above 0\n${USAGE}`);
    return value;
  };
  return {
    minutes: number('minutes', 30),
    rate: number('rate', 200),
    intervalS: number('interval', 10),
    // Closed tickets leave Redis after this long (SLAWATCH_RETENTION, 168h in production):
    // short enough that the soak sees Redis level off within its run.
    retention: flags.get('retention') ?? '10m',
  };
}

interface Sample {
  readonly minute: number;
  readonly values: Map<string, number>;
}

const SERVICES = ['tracker', 'alerter', 'gateway'] as const;

async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return sumsByName(await response.text());
}

async function redisFigures(redis: Redis): Promise<{ memory: number; cpuSeconds: number }> {
  const [memory, cpu] = await Promise.all([redis.info('memory'), redis.info('cpu')]);
  return {
    memory: Number(/^used_memory:(\d+)/m.exec(memory)?.[1] ?? NaN),
    cpuSeconds: redisCpuSeconds(cpu),
  };
}

/** The series the soak follows, as columns: name, unit, and how to read it off a sample. */
const COLUMNS: { name: string; unit: SoakSeries['unit']; key: string; floor?: number }[] = [
  ...SERVICES.flatMap((s) => [
    // The cost of a quiet system: CPU between this sample and the one before.
    { name: `${s} CPU`, unit: 'cores' as const, key: `${s}:cpu_cores` },
    { name: `${s} RSS`, unit: 'bytes' as const, key: `${s}:process_resident_memory_bytes` },
    { name: `${s} heap`, unit: 'bytes' as const, key: `${s}:nodejs_heap_size_used_bytes` },
    {
      name: `${s} loop p99`,
      unit: 'ms' as const,
      key: `${s}:nodejs_eventloop_lag_p99_seconds`,
      floor: 50,
    },
  ]),
  {
    name: 'consumer lag',
    unit: 'messages',
    key: 'tracker:slawatch_tracker_consumer_lag',
    floor: 1_000,
  },
  { name: 'Redis CPU', unit: 'cores', key: 'redis:cpu_cores' },
  { name: 'Redis used_memory', unit: 'bytes', key: 'redis:used_memory' },
];

const show = (unit: SoakSeries['unit'], value: number) =>
  Number.isNaN(value)
    ? '–'
    : unit === 'bytes'
      ? `${(value / MB).toFixed(1)} MB`
      : unit === 'ms'
        ? `${value.toFixed(1)} ms`
        : unit === 'cores'
          ? value.toFixed(3)
          : int(value);

const valueOf = (sample: Sample, key: string, unit: SoakSeries['unit']) => {
  const value = sample.values.get(key) ?? NaN;
  return unit === 'ms' ? value * 1000 : value;
};

function printTables(samples: readonly Sample[], options: ReturnType<typeof readOptions>): void {
  const events = (s: Sample) => s.values.get('tracker:slawatch_tracker_events_total') ?? NaN;
  // Every sample when there are few; else about 30 rows, evenly spread, the last included.
  const step = Math.max(1, Math.ceil(samples.length / 30));
  const rows = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  const head = ['min', 'events folded', ...COLUMNS.map((c) => c.name)];
  console.log(
    `\n## bench:soak: ${options.minutes} min at ${options.rate} events/s, sampled every ${options.intervalS} s, retention ${options.retention}\n`,
  );
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const s of rows)
    console.log(
      `| ${s.minute.toFixed(1)} | ${int(events(s))} | ${COLUMNS.map((c) => show(c.unit, valueOf(s, c.key, c.unit))).join(' | ')} |`,
    );
  console.log(
    '\n| series | mean over the run | mean, first half | mean, last half | slope, last half (per 10 min) | verdict |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  const cpuMeans: number[] = [];
  for (const c of COLUMNS) {
    // CPU has no value at the first sample (nothing to difference against): left out.
    const measured = samples.filter((s) => !Number.isNaN(valueOf(s, c.key, c.unit)));
    const values = measured.map((s) => valueOf(s, c.key, c.unit));
    const minutes = measured.map((s) => s.minute);
    const v = verdictOf({ name: c.name, unit: c.unit, values }, minutes, c.floor ?? 0);
    if (c.unit === 'cores' && c.key !== 'redis:cpu_cores') cpuMeans.push(v.wholeRun);
    console.log(
      `| ${c.name} | ${show(c.unit, v.wholeRun)} | ${show(c.unit, v.firstHalf)} | ${show(c.unit, v.lastHalf)} | ${show(c.unit, v.slopePer10Min)} | ${v.verdict} |`,
    );
  }
  const services = cpuMeans.reduce((a, b) => a + b, 0);
  console.log(
    `\nCPU of the three services together, mean over the run: ${services.toFixed(3)} cores (${(services * 100).toFixed(1)} % of a core)`,
  );
}

async function main(): Promise<void> {
  const options = readOptions();
  progress('starting a private redis-server and a 1-broker mock Kafka');
  const [redisServer, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
  const services: ServiceProcess[] = [];
  let traffic: ReturnType<typeof spawn> | undefined;
  const redis = await connectRedis(redisServer.url);
  const stop = async () => {
    if (traffic && traffic.exitCode === null) traffic.kill('SIGINT');
    await Promise.all(services.map((s) => s.stop()));
    redis.disconnect();
    await redisServer.stop();
    await broker.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const run = randomBytes(3).toString('hex');
    const topics = runTopics('soak', run);
    const topic = topics.events;
    await ensureTopics(quietKafka(broker.brokers, 'bench-soak'), Object.values(topics));
    const ports = {
      tracker: await freePort(),
      alerter: await freePort(),
      gateway: await freePort(),
    };
    const env = {
      ...serviceEnv({
        name: 'soak',
        run,
        brokers: broker.brokers,
        redisUrl: redisServer.url,
        policies: DEMO_POLICIES,
      }),
      SLAWATCH_RETENTION: options.retention,
      SLAWATCH_HTTP_PORT: String(ports.gateway),
      SLAWATCH_ADMIN_TOKEN: `soak-admin-${randomBytes(12).toString('hex')}`,
    };
    progress('starting slawatch run tracker, alerter and gateway');
    const ready = {
      tracker: 'tracker consuming',
      alerter: 'alerter waiting for deadlines',
      gateway: 'gateway listening',
    };
    for (const name of SERVICES)
      services.push(startService(name, { ...env, SLAWATCH_OPS_PORT: String(ports[name]) }));
    await Promise.all(services.map((s, i) => s.waitFor(ready[SERVICES[i]!], 60_000)));
    progress(`the demo's traffic at ${options.rate} events/s for ${options.minutes} min`);
    traffic = spawn(process.execPath, [CLI, 'simulate-traffic', '--rate', String(options.rate)], {
      env: {
        ...process.env,
        SLAWATCH_KAFKA_BROKERS: broker.brokers.join(','),
        SLAWATCH_TOPIC: topic,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    process.once('exit', () => traffic?.kill('SIGKILL'));
    traffic.stderr?.on('data', (d: Buffer) => {
      for (const line of d.toString().trim().split('\n')) progress(`  ${line}`);
    });

    const samples: Sample[] = [];
    const started = performance.now();
    const end = started + options.minutes * 60_000;
    for (let next = started; next <= end; next += options.intervalS * 1000) {
      await sleep(Math.max(0, next - performance.now()));
      if (traffic.exitCode !== null)
        throw new Error(`the traffic simulator exited (${traffic.exitCode})`);
      for (const s of services)
        if (s.child.exitCode !== null || s.child.signalCode !== null)
          throw new Error(`${s.name} exited:\n${s.output().slice(-4000)}`);
      const values = new Map<string, number>();
      await Promise.all(
        SERVICES.map(async (name) => {
          const url =
            name === 'gateway'
              ? `http://127.0.0.1:${ports.gateway}/metrics`
              : `http://127.0.0.1:${ports[name]}/metrics`;
          const sums = await scrape(url).catch((error: unknown) => {
            progress(`${name}: /metrics failed: ${String(error)}`);
            return new Map<string, number>();
          });
          for (const [k, v] of sums) values.set(`${name}:${k}`, v);
        }),
      );
      const redisNow = await redisFigures(redis);
      values.set('redis:used_memory', redisNow.memory);
      values.set('redis:cpu_seconds', redisNow.cpuSeconds);
      const minute = (performance.now() - started) / 60_000;
      addCpuCores(samples.at(-1), minute, values, [...SERVICES, 'redis']);
      const sample = { minute, values };
      samples.push(sample);
      progress(
        `${sample.minute.toFixed(1)} min: ${int(values.get('tracker:slawatch_tracker_events_total') ?? 0)} events folded, ` +
          SERVICES.map(
            (s) =>
              `${s} ${show('bytes', values.get(`${s}:process_resident_memory_bytes`) ?? NaN)} ${show('cores', values.get(`${s}:cpu_cores`) ?? NaN)} cores`,
          ).join(', ') +
          `, lag ${int(values.get('tracker:slawatch_tracker_consumer_lag') ?? NaN)}, Redis ${show('bytes', values.get('redis:used_memory')!)}`,
      );
    }
    printTables(samples, options);
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
