import { randomInt } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Option, type Command } from 'commander';
import { formatInstant, parseDuration, parseInstant } from '@slawatch/core';
import { BatchingProducer, createKafka } from '@slawatch/kafka';
import { DEFAULT_RATE, defaultBacklog, SupportFloor } from '@slawatch/traffic';
import { CliError } from '../cli-error.js';
import { httpTrafficSink } from './http-traffic-sink.js';
import { addKafkaOutputOptions, readKafkaOutput } from './kafka-output-options.js';
import type { TrafficSink as Sink } from './traffic-sink.js';

interface RawOptions {
  brokers?: string;
  topic: string;
  rate: string;
  seed?: string;
  speed: string;
  duration?: string;
  backlog?: string;
  start?: string;
  dryRun?: boolean;
  out?: string;
  http?: string;
  token?: string;
}

interface TrafficOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly rate: number;
  readonly seed: number;
  readonly speed: number;
  /** Simulated milliseconds to run, or Infinity (until a signal). */
  readonly duration: number;
  readonly backlog: number;
  readonly start: number;
  /** Where NDJSON goes instead of Kafka: `-` for standard output, else a file. */
  readonly out: string | null;
  /** The gateway to post to instead of Kafka (`POST /api/v1/events`), with its token. */
  readonly http: { readonly base: string; readonly token: string } | null;
}

const TICK_MS = 100;
const PROGRESS_MS = 10_000;
/** Messages per Kafka request: small batches keep the pace smooth. */
const BATCH = 500;

/** `slawatch simulate-traffic`: a simulated support floor publishing ticket events. */
export function registerSimulateTraffic(program: Command): void {
  addKafkaOutputOptions(
    program
      .command('simulate-traffic')
      .description(
        'publish the ticket events of a simulated support floor to Kafka (or print them as NDJSON)',
      ),
  )
    .option('--rate <events/s>', 'events per second, averaged over a day', String(DEFAULT_RATE))
    .option('--seed <n>', 'seed of every random choice (default: random, printed)')
    .option('--speed <x>', 'simulated time runs x times real time', '1')
    .option('--duration <time>', 'simulated time to run, e.g. 10m, 1h30m (default: until Ctrl-C)')
    .option('--backlog <n>', 'tickets already open at the start (default: 15 x rate)')
    .option('--start <time>', 'simulated start, RFC 3339 (default: now)')
    .addOption(new Option('--dry-run', 'print NDJSON on standard output instead of producing'))
    .addOption(
      new Option(
        '--out <file>',
        'write NDJSON to a file ("-" for standard output) instead',
      ).conflicts('dryRun'),
    )
    .addOption(
      new Option(
        '--http <url>',
        "post to a gateway's POST /api/v1/events (e.g. http://localhost:8080) instead of Kafka",
      ).conflicts(['dryRun', 'out']),
    )
    .addOption(
      new Option('--token <token>', 'a token with the ingest scope, for --http').env(
        'SLAWATCH_INGEST_TOKEN',
      ),
    )
    .addHelpText(
      'after',
      '\nThe floor: four teams (emea, americas, apac, platform) whose arrivals follow their\n' +
        'local working day, agents with limited capacity, priorities, channels, tiers,\n' +
        'replies, pauses, escalations, reopens, surveys, and a few late or duplicate\n' +
        'deliveries. Pair it with packages/traffic/demo-policies.yaml.\n' +
        'Progress goes to standard error every 10 s. SIGINT or SIGTERM stops gracefully.\n' +
        'Exit codes: 0 done or stopped, 1 Kafka (or the gateway) unreachable or failing,\n' +
        '2 invalid option.',
    )
    .action(async (raw: RawOptions) => {
      const options = parseOptions(raw);
      await runTraffic(options);
    });
}

/** Checks every option and reports all problems at once, each naming its option. */
function parseOptions(raw: RawOptions): TrafficOptions {
  const problems: string[] = [];
  const positive = (name: string, text: string, max: number): number => {
    const value = Number(text);
    if (text.trim() !== '' && value > 0 && value <= max) return value;
    problems.push(`--${name}: must be a number above 0 and at most ${max}, got "${text}"`);
    return NaN;
  };
  const whole = (name: string, text: string, max: number): number => {
    const value = Number(text);
    if (/^\d+$/.test(text.trim()) && value <= max) return value;
    problems.push(`--${name}: must be a whole number from 0 to ${max}, got "${text}"`);
    return NaN;
  };
  const rate = positive('rate', raw.rate, 100_000);
  const speed = positive('speed', raw.speed, 1_000_000);
  const seed =
    raw.seed === undefined ? randomInt(0, 2 ** 31) : whole('seed', raw.seed, 2 ** 32 - 1);
  const backlog =
    raw.backlog === undefined ? defaultBacklog(rate) : whole('backlog', raw.backlog, 1_000_000);
  let duration = Infinity;
  if (raw.duration !== undefined) {
    const parsed = parseDuration(raw.duration);
    if (!parsed.ok) problems.push(`--duration: ${parsed.message}`);
    else if (parsed.ms <= 0) problems.push('--duration: must be longer than 0');
    else duration = parsed.ms;
  }
  let start = Math.floor(Date.now() / 1000) * 1000;
  if (raw.start !== undefined) {
    const parsed = parseInstant(raw.start);
    if (parsed === null)
      problems.push(
        `--start: must be an RFC 3339 time such as 2026-11-23T09:00:00Z, got "${raw.start}"`,
      );
    else start = parsed;
  }
  const out = raw.dryRun ? '-' : (raw.out ?? null);
  let http: TrafficOptions['http'] = null;
  if (raw.http !== undefined) {
    if (!URL.canParse(raw.http) || !/^https?:$/.test(new URL(raw.http).protocol))
      problems.push(
        `--http: must be an http(s) URL such as http://localhost:8080, got "${raw.http}"`,
      );
    if (!raw.token) problems.push('--token: is required with --http (or SLAWATCH_INGEST_TOKEN)');
    http = { base: raw.http, token: raw.token ?? '' };
  }
  const brokers = readKafkaOutput(
    raw,
    out === null && http === null ? '--dry-run, --out or --http' : null,
    problems,
  );
  if (problems.length > 0)
    throw new CliError(`invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { brokers, topic: raw.topic, rate, seed, speed, duration, backlog, start, out, http };
}

async function runTraffic(options: TrafficOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`slawatch simulate-traffic: ${line}\n`);
  const sink =
    options.out !== null
      ? ndjsonSink(options.out)
      : options.http
        ? httpTrafficSink(options.http.base, options.http.token, log)
        : await kafkaSink(options);
  const floor = new SupportFloor({
    seed: options.seed,
    start: options.start,
    rate: options.rate,
    backlog: options.backlog,
  });
  log(
    `seed ${options.seed}, ${options.rate} events/s, speed ${options.speed}x, backlog ` +
      `${options.backlog} tickets, from ${formatInstant(options.start)}, to ${sink.description}`,
  );

  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      log(`${signal} again, exiting now`);
      process.exit(130);
    }
    log(`${signal}: stopping`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const end = options.start + options.duration;
  const wallStart = performance.now();
  let sent = 0;
  let lastLog = { wall: wallStart, sent: 0 };
  const progress = (now: number) => {
    const s = floor.stats();
    const rate = ((sent - lastLog.sent) * 1000) / Math.max(1, now - lastLog.wall);
    log(
      `${sent} events sent (${rate.toFixed(1)}/s), ${s.openTickets} open tickets ` +
        `(${s.queuedTickets} waiting for an agent), simulated ${formatInstant(s.now)}`,
    );
    lastLog = { wall: now, sent };
  };
  try {
    while (!stop.signal.aborted) {
      const simNow = Math.min(
        end,
        options.start + Math.floor((performance.now() - wallStart) * options.speed),
      );
      const deliveries = floor.advance(simNow);
      for (let i = 0; i < deliveries.length; i += BATCH) {
        await sink.write(deliveries.slice(i, i + BATCH));
        sent += Math.min(BATCH, deliveries.length - i);
      }
      if (sink.gone) {
        log('output closed: stopping');
        break;
      }
      if (performance.now() - lastLog.wall >= PROGRESS_MS) progress(performance.now());
      if (simNow >= end) break;
      await sleep(TICK_MS, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } catch (error) {
    await sink.close().catch(() => undefined);
    throw error instanceof CliError
      ? error
      : new CliError(`cannot publish: ${(error as Error).message}`, 1);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  await sink.close();
  progress(performance.now());
  log(`done: ${sent} events, ${floor.stats().ticketsCreated} tickets; seed ${options.seed}`);
}

async function kafkaSink(options: TrafficOptions): Promise<Sink> {
  const where = `${options.topic} on ${options.brokers.join(',')}`;
  const producer = new BatchingProducer(createKafka(options.brokers, 'slawatch-simulate-traffic'));
  try {
    await producer.connect();
  } catch (error) {
    await producer.disconnect().catch(() => undefined);
    throw new CliError(
      `cannot connect to Kafka at ${options.brokers.join(',')}: ${(error as Error).message}`,
      1,
    );
  }
  return {
    description: `Kafka topic ${where}`,
    gone: false,
    write: (deliveries) =>
      producer.send(
        options.topic,
        deliveries.map((d) => ({ key: d.key, value: JSON.stringify(d.event) })),
      ),
    close: () => producer.disconnect(),
  };
}

function ndjsonSink(out: string): Sink {
  const stream: Writable = out === '-' ? process.stdout : createWriteStream(out);
  let failure: Error | null = null;
  let gone = false;
  // A closed pipe (`| head`) ends the run quietly; an unwritable file with a message.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') gone = true;
    else failure = error;
  });
  const check = () => {
    if (failure)
      throw new CliError(
        `cannot write to ${out === '-' ? 'standard output' : `"${out}"`}: ${failure.message}`,
        1,
      );
  };
  return {
    description: out === '-' ? 'standard output (NDJSON)' : `${out} (NDJSON)`,
    get gone() {
      return gone;
    },
    async write(deliveries) {
      check();
      if (gone) return;
      const text = deliveries.map((d) => `${JSON.stringify(d.event)}\n`).join('');
      if (!stream.write(text)) await once(stream, 'drain').catch(() => undefined);
      check();
    },
    async close() {
      if (stream === process.stdout) return;
      if (!stream.closed) {
        stream.end();
        await once(stream, 'close');
      }
      check();
    },
  };
}
