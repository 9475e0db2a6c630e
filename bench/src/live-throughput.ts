import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  quietKafka,
  startKafka,
  startRedis,
  type KafkaBroker,
  type RedisServer,
} from '@slawatch/test';
import { ensureTopics } from './ensure-topics.js';
import { LiveEvents } from './live-events.js';
import { readLiveOptions, USAGE, type LiveOptions } from './live-options.js';
import { LiveProducer } from './live-producer.js';
import { printLiveTable } from './live-table.js';
import { runStep, type StepResult } from './live-step.js';
import { progress } from './progress.js';
import { TreeCpuMeter } from './tree-cpu-meter.js';
import { startTrackers, type TrackerFleet } from './tracker-fleet.js';
import { runTopics, serviceEnv } from './service-env.js';

// `npm run bench:live [-- --rates=500,1000,... --step-seconds=80 ...]` (live-options.ts):
// one `slawatch run tracker` process, as an operator runs it, on a private redis-server and
// a 1-broker mock Kafka, fed live traffic (every event stamped now, as the simulator's) at
// rates stepping up; the highest rate whose consumer lag stays flat over a step's last
// minute is the rate one tracker holds. Only the tracker runs: the alerter and gateway are
// other processes, which on this 2-core machine would take CPU from the one measured.
if (process.argv.includes('--help')) {
  console.log(USAGE);
  process.exit(0);
}
let options: LiveOptions;
try {
  options = readLiveOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

const POLICIES = fileURLToPath(
  new URL('../../packages/traffic/demo-policies.yaml', import.meta.url),
);

let redisServer: RedisServer | undefined;
let broker: KafkaBroker | undefined;
let fleet: TrackerFleet | undefined;
try {
  progress('starting a private redis-server and a 1-broker mock Kafka');
  [redisServer, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
  const run = randomBytes(3).toString('hex');
  const topics = runTopics('live', run);
  const topic = topics.events;
  const kafka = quietKafka(broker.brokers, 'bench-live');
  await ensureTopics(kafka, Object.values(topics));
  const admin = kafka.admin();
  await admin.connect();
  const partitions = (await admin.fetchTopicOffsets(topic)).length;
  await admin.disconnect();
  progress(`starting slawatch run tracker on ${partitions} partitions`);
  fleet = await startTrackers(1, {
    ...serviceEnv({
      name: 'live',
      run,
      brokers: broker.brokers,
      redisUrl: redisServer.url,
      policies: POLICIES,
    }),
    SLAWATCH_RETENTION: `${options.retentionMinutes}m`,
  });
  await fleet.joined(partitions, 60_000);
  const tracker = fleet.trackers[0]!;
  const producer = kafka.producer();
  await producer.connect();
  const live = new LiveProducer(
    producer,
    topic,
    new LiveEvents(options.openTickets, options.seed, run),
    options.batchMs,
  );
  const results: StepResult[] = [];
  try {
    const deps = {
      producer: live,
      cpu: new TreeCpuMeter({
        tracker: tracker.child.pid ?? -1,
        redis: redisServer.pid,
        broker: broker.pid,
      }),
      scrape: async () => (await fleet!.scrape())[0]!,
      checkAlive: () => {
        if (tracker.child.exitCode !== null || tracker.child.signalCode !== null)
          throw new Error(`the tracker exited:\n${tracker.output().slice(-4000)}`);
      },
    };
    for (const rate of options.rates) {
      progress(`${rate} events/s for ${options.stepSeconds} s`);
      const result = await runStep(deps, rate, options);
      results.push(result);
      progress(
        `${rate}/s: ${result.held ? 'held' : `not held: ${result.why}`} (folded ${result.folded.toFixed(0)}/s, lag slope ${result.lagSlope.toFixed(1)}/s)`,
      );
      // A void step says nothing of the tracker: stop there too, the verdict says why.
      if (!result.held) break;
    }
  } finally {
    await live.stop();
    await producer.disconnect();
  }
  const cpu = cpus();
  console.log(
    `\n## bench:live (node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  printLiveTable(results, options, partitions);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await fleet?.stop();
  // kafkajs clients are all disconnected by now: only then may the broker go (test/README).
  await broker?.stop();
  await redisServer?.stop();
  progress('done');
}
