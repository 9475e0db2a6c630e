import { cpus } from 'node:os';
import {
  quietKafka,
  startKafka,
  startRedis,
  type KafkaBroker,
  type RedisServer,
} from '@slawatch/test';
import { measureBreachLateness } from './breach-lateness.js';
import { measureBytesPerTicket } from './bytes-per-ticket.js';
import { measureCatchUp } from './catch-up-throughput.js';
import type { BenchEnv } from './bench-env.js';
import { connectRedis } from './connect-redis.js';
import { CpuMeter } from './cpu-meter.js';
import { readPipelineOptions, type PipelineOptions } from './pipeline-options.js';
import { bytesRows, catchUpRows, latenessRows, type Row } from './pipeline-rows.js';
import { progress } from './progress.js';

// `npm run bench:pipeline [-- --events=N ...]` (see pipeline-options.ts): the live pipeline
// on a private Redis (no persistence, hz 100) and a 1-broker Kafka-protocol mock broker,
// both started here and stopped at the end, and one markdown table on stdout.
let options: PipelineOptions;
try {
  options = readPipelineOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

let redisServer: RedisServer | undefined;
let broker: KafkaBroker | undefined;
try {
  progress('starting a private redis-server and a 1-broker mock Kafka');
  [redisServer, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
  const redis = await connectRedis(redisServer.url);
  const env: BenchEnv = {
    kafka: quietKafka(broker.brokers, 'bench-pipeline'),
    brokers: broker.brokers,
    redis,
    redisAddress: { host: redisServer.host, port: redisServer.port },
    cpu: new CpuMeter({ redis: redisServer.pid, broker: broker.pid }),
  };
  const rows: Row[] = [];
  try {
    // Memory first, on the still empty server: nothing else's keys resize its tables meanwhile.
    const bytes = await measureBytesPerTicket(env, {
      tickets: options.openTickets,
      eventsPerTicket: options.openTicketEvents,
    });
    const catchUp = await measureCatchUp(env, options);
    const lateness = await measureBreachLateness(env, {
      deadlines: options.deadlines,
      targetSeconds: options.targetSeconds,
      batchSize: options.alerterBatch,
    });
    if (lateness.received !== lateness.expected) {
      progress(`only ${lateness.received} of ${lateness.expected} breaches arrived`);
      process.exitCode = 1;
    }
    rows.push(
      ...catchUpRows(catchUp),
      ...latenessRows(lateness, options.alerterBatch),
      ...bytesRows(bytes),
    );
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
  const cpu = cpus();
  console.log(
    `slawatch bench:pipeline (node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  console.log('| measure | result | notes |\n| --- | --- | --- |');
  for (const [measure, result, notes] of rows) console.log(`| ${measure} | ${result} | ${notes} |`);
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  // kafkajs clients are all disconnected by now: only then may the broker go (test/README).
  await broker?.stop();
  await redisServer?.stop();
  progress('done');
}
