import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietKafka } from '@slawatch/test';
import { int } from './format.js';
import { BENCH_POLICIES } from './generate-history.js';
import { startPartitionedKafka, type PartitionedKafka } from '@slawatch/test';
import { progress } from './progress.js';
import { readScaleOptions, type ScaleOptions } from './scale-options.js';
import { scaleMessages } from './scale-messages.js';
import { projectionBasis, projectionTable } from './scale-projection.js';
import { runScale, type ScaleRunResult } from './scale-run.js';
import {
  catchUpTable,
  censusFamilyTable,
  censusSlotTable,
  sharesTable,
  workPerEventTable,
} from './scale-tables.js';
import { clusterTarget, singleRedisTarget, type ScaleTarget } from './scale-target.js';

// `npm run bench:scale [-- --events=N ...]` (see scale-options.ts): tracker catch-up with
// `slawatch run tracker` processes, 1 on one Redis, then 1, 2 and 3 on a Redis Cluster,
// each master's share of the Redis work, a census of the keys the work touches, and a
// projection to larger rates. Everything runs on private servers started here; Markdown
// tables on stdout, progress on stderr.
let options: ScaleOptions;
try {
  options = readScaleOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const policiesPath = join(dir, 'policies.yaml');
writeFileSync(policiesPath, BENCH_POLICIES);
let broker: PartitionedKafka | undefined;
const targets: ScaleTarget[] = [];
try {
  const cluster = await clusterTarget(options.masters);
  targets.push(cluster);
  const single = await singleRedisTarget();
  targets.push(single);
  const plan: [ScaleTarget, number, number][] = [
    [single, 1, 0],
    [cluster, 1, options.censusMs],
    [cluster, 2, 0],
    [cluster, 3, 0],
  ];
  // A topic of its own per run, made before any client sees it (partitioned-kafka.ts).
  const topics = plan.map((_, i) => `bench-scale-${Date.now().toString(36)}-${i}`);
  progress(
    `a 3-broker mock Kafka with ${options.partitions}-partition topics, one redis-server and a Redis Cluster`,
  );
  broker = await startPartitionedKafka(
    3,
    Object.fromEntries(topics.map((topic) => [topic, options.partitions])),
  );
  const kafka = quietKafka(broker.brokers, 'bench-scale');
  // One data set for every run, its last event a minute before the first run starts.
  const data = scaleMessages(options.events, options.eventsPerTicket, Date.now() - 60_000);
  progress(
    `${int(data.messages.length)} events of ${int(data.tickets)} tickets, ${int(data.bytes / data.messages.length)} B each`,
  );
  const runs: ScaleRunResult[] = [];
  for (const [i, [target, trackers, censusMs]] of plan.entries()) {
    const run = await runScale(kafka, broker.brokers, target, {
      topic: topics[i]!,
      trackers,
      data,
      maxLag: options.maxLag,
      censusMs,
      policiesPath,
    });
    progress(
      `${target.name}, ${trackers} tracker(s): ${int(run.events / (run.ms / 1000))} events/s`,
    );
    runs.push(run);
  }
  const census = runs[1]?.census;
  const cpu = cpus();
  console.log(
    `slawatch bench:scale (node ${process.version}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)})\n`,
  );
  console.log(`### Catch-up\n\n${catchUpTable(runs)}\n`);
  console.log(`### Each master's share\n\n${sharesTable(runs)}\n`);
  console.log(`### Redis work per event\n\n${workPerEventTable(runs)}\n`);
  if (census) {
    console.log(
      `### Key census (MONITOR on every master for ${census.ms / 1000} s, 1 tracker on the cluster)\n\n${censusFamilyTable(census)}\n`,
    );
    console.log(`### Busiest slots\n\n${censusSlotTable(census, 8)}\n`);
  }
  const basisRun = runs[1];
  if (basisRun) {
    const basis = projectionBasis(basisRun);
    console.log(
      `### Projection\n\nFrom the 1-tracker cluster run: ${int(basis.trackerEventsPerCore)} events/s per tracker core, ` +
        `${int(basis.redisEventsPerCore)} events/s per master core, busiest master ${basis.imbalance.toFixed(2)} × the even share; ` +
        `each process planned at ${Math.round(basis.utilisation * 100)}% of a core.\n\n${projectionTable(basis, [10_000, 50_000, 200_000])}`,
    );
  }
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  // The trackers have stopped and every kafkajs client is disconnected by now (test/README).
  await Promise.all(targets.map((t) => t.stop()));
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
  progress('done');
}
