import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { deleteKeysByPrefix, uniqueGroupId, uniqueTopic } from '@slawatch/test';
import { createLogger } from '@slawatch/telemetry';
import { createTracker, type Tracker } from '@slawatch/tracker';
import { BatchMeter, type MeteredRound } from './batch-meter.js';
import type { BenchEnv } from './bench-env.js';
import { CpuAccumulator, type CpuShare } from './cpu-meter.js';
import { ensureTopics } from './ensure-topics.js';
import { BENCH_POLICIES, generateHistory } from './generate-history.js';
import { createLiveDeps } from './live-deps.js';
import { loadPolicies } from './load-policies.js';
import { PhaseTimer } from './phase-timer.js';
import {
  addCommandWork,
  commandWorkBetween,
  NO_COMMAND_WORK,
  readCommandWork,
  type RedisCommandWork,
} from './pipeline-redis-work.js';
import { progress } from './progress.js';
import { RoundProfiler } from './round-profiler.js';
import { spyKafka, timeSends } from './spy-kafka.js';

export interface CatchUpOptions {
  readonly events: number;
  readonly eventsPerTicket: number;
  readonly chunkBytes: number;
  /** Bytes per producer.send, over the topic's 4 partitions (see `sendSlices`). */
  readonly sendBytes: number;
}

export interface CatchUpResult {
  readonly events: number;
  readonly tickets: number;
  readonly bytes: number;
  readonly rounds: number;
  readonly chunkBytes: number;
  readonly sendBytes: number;
  readonly bare: MeteredRound;
  readonly tracker: MeteredRound;
  /** Where the tracker's time went: its Redis steps, alert sends and commits. */
  readonly phases: PhaseTimer;
  readonly alertsProduced: number;
  readonly timersPending: number;
  readonly cpu: { readonly bare: CpuShare; readonly tracker: CpuShare };
  /** What Redis did during the tracker's rounds (INFO cpu and commandstats). */
  readonly redisWork: RedisCommandWork;
}

// Consumer settings both contenders share: live latency (kafkajs#370), and the smallest
// session timeout, which makes the mock broker's group joins quick (test/README.md).
// Both consumers fetch as much as the tracker does by default (SLAWATCH_KAFKA_FETCH_BYTES).
const CONSUMER = {
  maxWaitTimeInMs: 100,
  sessionTimeout: 6_000,
  heartbeatInterval: 2_000,
  maxBytesPerPartition: 2 * 1_048_576,
};
const ROUND_TIMEOUT_MS = 180_000;

/**
 * Catch-up throughput: the tracker against a bare kafkajs consumer group that only
 * JSON.parses, over the same generated week of traffic on the same topic.
 *
 * The mock broker keeps only ~5 MB per partition, so the history is produced in rounds of
 * about `chunkBytes` (spread over the topic's 4 partitions), each read by both consumers
 * before the next is produced. Both are paused while a round is produced and resumed one
 * at a time, so each is timed over a backlog that is already there (catch-up), with the
 * CPU to itself; the watermarks prove no round lost a message to the broker's retention.
 */
export async function measureCatchUp(
  env: BenchEnv,
  options: CatchUpOptions,
): Promise<CatchUpResult> {
  const { kafka, redis } = env;
  const tickets = Math.max(1, Math.round(options.events / options.eventsPerTicket));
  progress(`catch-up: generating ${tickets} tickets x ${options.eventsPerTicket} events`);
  const { rounds, messages, bytes, lastEventTime } = prepareRounds(
    generateHistory(tickets, options.eventsPerTicket),
    options.chunkBytes,
  );

  const topic = uniqueTopic('bench-catch-up');
  const alertsTopic = uniqueTopic('bench-catch-up-alerts');
  const dlqTopic = uniqueTopic('bench-catch-up-dlq');
  await ensureTopics(kafka, [topic, alertsTopic, dlqTopic]);

  const phases = new PhaseTimer();
  const prefix = `bench-catch-up-${Date.now().toString(36)}`;
  const deps = createLiveDeps(redis, prefix, loadPolicies(BENCH_POLICIES), phases);
  let alertsProduced = 0;
  let trackerConsumer: Consumer | undefined;
  const tracker: Tracker = createTracker({
    kafka: spyKafka(kafka, {
      consumer: (c) => {
        trackerConsumer = c;
        const commit = c.commitOffsets.bind(c);
        c.commitOffsets = (offsets) => phases.time('kafka: commit offsets', () => commit(offsets));
      },
      producer: (p) =>
        timeSends(p, (send) => {
          alertsProduced += send.keys.length;
          phases.add('kafka: produce alerts', send.ackedAt - send.startedAt);
        }),
    }),
    topic,
    dlqTopic,
    alertsTopic,
    groupId: uniqueGroupId('bench-catch-up-tracker'),
    maxEventBytes: 65_536,
    update: deps.update,
    log: createLogger('bench-tracker', process.env.BENCH_LOG ?? 'silent'),
    // The backlog is the week before "now": the tracker catches up after the last event.
    now: () => lastEventTime + 1,
    consumerConfig: CONSUMER,
  });
  const bare = kafka.consumer({ groupId: uniqueGroupId('bench-catch-up-bare'), ...CONSUMER });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
  // A CPU profile (BENCH_CPU_PROF=dir) or an allocation profile (BENCH_HEAP_PROF=dir) of
  // each of the tracker's rounds, and of nothing else.
  const profiler = process.env.BENCH_HEAP_PROF
    ? new RoundProfiler('heap', process.env.BENCH_HEAP_PROF)
    : new RoundProfiler('cpu', process.env.BENCH_CPU_PROF);

  try {
    progress('catch-up: starting the tracker and the bare consumer (group joins take ~3 s)');
    await producer.connect();
    await bare.connect();
    await bare.subscribe({ topic, fromBeginning: true });
    let parsed = 0;
    await bare.run({
      eachBatch: ({ batch }) => {
        for (const m of batch.messages)
          if (m.value !== null && (JSON.parse(m.value.toString('utf8')) as { id?: unknown }).id)
            parsed += 1;
        return Promise.resolve();
      },
    });
    await tracker.start();
    if (!trackerConsumer) throw new Error('the tracker made no consumer');
    const meters = {
      bare: new BatchMeter(bare, topic),
      tracker: new BatchMeter(trackerConsumer, topic, () => tracker.finished()),
    };
    meters.bare.pause();
    meters.tracker.pause();
    phases.reset();

    const totals = { bare: emptyRound(), tracker: emptyRound() };
    const cpu = { bare: new CpuAccumulator(), tracker: new CpuAccumulator() };
    const { host, port } = env.redisAddress;
    let redisWork = NO_COMMAND_WORK;
    for (const [i, round] of rounds.entries()) {
      const before = await watermarks(kafka, topic);
      for (const messages of sendSlices(round, options.sendBytes))
        await producer.send({ topic, messages });
      const after = await watermarks(kafka, topic);
      for (const [partition, { low }] of after)
        if (low > (before.get(partition)?.high ?? 0))
          throw new Error(
            `round ${i + 1}: the broker dropped messages of partition ${partition} before they were read; use a smaller --chunk-mb`,
          );
      for (const name of ['bare', 'tracker'] as const) {
        const workFrom = name === 'tracker' ? await readCommandWork(host, port) : null;
        const cpuFrom = env.cpu.sample();
        if (name === 'tracker') await profiler.start();
        const r = await meters[name].consume(round.length, ROUND_TIMEOUT_MS);
        if (name === 'tracker') await profiler.stop('tracker-round');
        cpu[name].add(cpuFrom, env.cpu.sample());
        totals[name] = addRounds(totals[name], r);
        if (workFrom)
          redisWork = addCommandWork(
            redisWork,
            commandWorkBetween(workFrom, await readCommandWork(host, port)),
          );
      }
      progress(
        `catch-up: round ${i + 1}/${rounds.length} (${round.length} events): bare ${rate(totals.bare)}, tracker ${rate(totals.tracker)}`,
      );
    }
    if (parsed !== messages) throw new Error(`the bare consumer parsed ${parsed} of ${messages}`);
    if (tracker.stats.events !== messages)
      throw new Error(`the tracker took ${tracker.stats.events} of ${messages} events`);
    const timersPending = await deps.timers.size();
    return {
      events: messages,
      tickets,
      bytes,
      rounds: rounds.length,
      chunkBytes: options.chunkBytes,
      sendBytes: options.sendBytes,
      bare: totals.bare,
      tracker: totals.tracker,
      phases,
      alertsProduced,
      timersPending,
      cpu: { bare: cpu.bare.share(), tracker: cpu.tracker.share() },
      redisWork,
    };
  } finally {
    profiler.close();
    await tracker.stop().catch(() => undefined);
    await bare.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await deps.timers.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, deps.keys.queuePrefix);
  }
}

const emptyRound = (): MeteredRound => ({ messages: 0, ms: 0, fetchMs: 0, batches: 0 });
const addRounds = (a: MeteredRound, b: MeteredRound): MeteredRound => ({
  messages: a.messages + b.messages,
  ms: a.ms + b.ms,
  fetchMs: a.fetchMs + b.fetchMs,
  batches: a.batches + b.batches,
});
const rate = (r: MeteredRound) => `${Math.round(r.messages / (r.ms / 1000))}/s`;

/**
 * A round cut into sends of about `bytes`. Each send is one record batch per partition,
 * and the mock broker answers a fetch with one record batch: the tracker's batches are
 * these. A real broker fills a catch-up fetch with record batches up to the consumer's
 * `maxBytesPerPartition` (the tracker's SLAWATCH_KAFKA_FETCH_BYTES, 2 MiB; kafkajs' own
 * default is 1 MiB), so sends of 7 MiB over the 4 partitions (1.75 MiB of events each,
 * about 2 MiB with the records' own bytes) give the batches a tracker catching up on a
 * real broker gets; smaller sends give the small batches of live traffic.
 */
function* sendSlices(round: readonly Message[], bytes: number) {
  let slice: Message[] = [];
  let size = 0;
  for (const m of round) {
    slice.push(m);
    size += Buffer.byteLength(m.value as string);
    if (size >= bytes) {
      yield slice;
      slice = [];
      size = 0;
    }
  }
  if (slice.length > 0) yield slice;
}

/** Keyed messages (by ticket, as a helpdesk publishes), cut into rounds of ~`chunkBytes`. */
function prepareRounds(history: readonly string[], chunkBytes: number) {
  const rounds: Message[][] = [];
  let round: Message[] = [];
  let roundBytes = 0;
  let bytes = 0;
  let lastEventTime = 0;
  for (const json of history) {
    const event = JSON.parse(json) as { subject: string; time: string };
    lastEventTime = Math.max(lastEventTime, Date.parse(event.time));
    const size = Buffer.byteLength(json);
    if (roundBytes + size > chunkBytes && round.length > 0) {
      rounds.push(round);
      round = [];
      roundBytes = 0;
    }
    round.push({ key: event.subject, value: json });
    roundBytes += size;
    bytes += size;
  }
  if (round.length > 0) rounds.push(round);
  return { rounds, messages: history.length, bytes, lastEventTime };
}

async function watermarks(kafka: Kafka, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
  } finally {
    await admin.disconnect();
  }
}
