import { Worker } from 'node:worker_threads';
import { parsePolicyDocument, validateEvent, type AcceptedEvent } from '@slawatch/core';
import { createAlerter, createNotifier } from '@slawatch/alerter';
import {
  createKeys,
  createStoreAdapters,
  updateTickets,
  type NotificationBatch,
  type QueuedNotification,
} from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import {
  quietKafka,
  startKafka,
  startRedis,
  type KafkaBroker,
  type RedisServer,
} from '@slawatch/test';
import { connectRedis } from './connect-redis.js';
import { int } from './format.js';
import { summarizeLatencies } from './latency-summary.js';
import { progress } from './progress.js';
import { ticketEvent } from './ticket-event.js';

// `node bench/dist/notify-lateness.js [--deadlines=100,1000,5000,5000] [--notifier=thread|inline]`:
// end-to-end lateness of breach notifications, from each deadline to a webhook on loopback
// receiving it. Each burst is N tickets whose first-response deadlines fall within one
// second, a few seconds ahead; the alerter fires the timers and queues the notifications,
// the notifier delivers them to a local HTTP endpoint (in a thread of its own) that notes
// when each arrives. One alerter and one notifier take the bursts in turn, as a running
// installation would: the first bursts find them cold (code not yet optimised by the JIT,
// connections not yet open), the last 5,000 is the steady state. The notifier runs on a
// thread of its own by default, as `slawatch run notifier` runs it in a process of its
// own; `inline` shares the alerter's thread, as `run alerter` alone does. Prints a table.
const flag = process.argv.find((a) => a.startsWith('--deadlines='));
const counts = (flag ? flag.slice(12) : '100,1000,5000,5000').split(',').map(Number);
const inline = process.argv.includes('--notifier=inline');
const TARGET_S = 5;

/** A webhook endpoint in its own thread: answers 200, reports arrival times by alert. */
function startEndpoint(): Promise<{
  url: string;
  collect(): Promise<[string, number][]>;
  stop(): Promise<number>;
}> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    const http = require('node:http');
    const got = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const at = Date.now();
        const b = JSON.parse(body);
        if (b.action === 'trigger' && b.alert.level === 'breach') got.push([b.alert.deadline, at]);
        res.end('ok');
      });
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
    parentPort.on('message', (m) => {
      if (m === 'collect') parentPort.postMessage({ got: got.splice(0) });
      if (m === 'stop') server.close(() => parentPort.postMessage({ stopped: true }));
    });
  `;
  const worker = new Worker(code, { eval: true });
  const next = <T>() => new Promise<T>((resolve) => worker.once('message', resolve));
  return next<{ port: number }>().then(({ port }) => ({
    url: `http://127.0.0.1:${port}/hook`,
    async collect() {
      worker.postMessage('collect');
      return (await next<{ got: [string, number][] }>()).got;
    },
    async stop() {
      worker.postMessage('stop');
      await next();
      return worker.terminate();
    },
  }));
}

/** The notifier in a worker thread (notifier-thread.ts), started and stopped like one. */
function notifierThread(data: object) {
  const worker = new Worker(new URL('./notifier-thread.js', import.meta.url), {
    workerData: data,
  });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const ready = next();
  return {
    start: () => ready.then(() => undefined),
    /** The thread's busy time (event-loop active ms) since the last time asked. */
    async busy(): Promise<number> {
      const answer = next() as Promise<{ busyMs: number }>;
      worker.postMessage('busy');
      return (await answer).busyMs;
    },
    async stop() {
      const stopped = next();
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

let redisServer: RedisServer | undefined;
let broker: KafkaBroker | undefined;
try {
  progress('starting a private redis-server, a mock Kafka broker and a webhook endpoint');
  [redisServer, broker] = await Promise.all([startRedis(), startKafka({ brokers: 1 })]);
  const redis = await connectRedis(redisServer.url);
  const kafka = quietKafka(broker.brokers, 'bench-notify');
  const endpoint = await startEndpoint();
  const document = `
policies: [{ id: p, targets: { firstResponse: ${TARGET_S}s } }]
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: BENCH_HOOK_URL, ratePerMinute: 100000 }]
  route: { receivers: [hook] }
`;
  const loaded = parsePolicyDocument(document);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const policies = loaded.policySet;
  const log = createLogger('bench', 'warn');
  const rows: string[][] = [];
  // One alerter and notifier for every burst, as in a running installation: the bursts
  // before the last warm them up (the JIT, the connections, BullMQ's scripts).
  const keys = createKeys('bench-notify');
  // The policies name a receiver, so the adapters queue notifications.
  const update = createStoreAdapters(redis, keys, policies, { retentionMs: 86_400_000 });
  const alerter = createAlerter({
    kafka,
    alertsTopic: 'bench-notify-alerts',
    redis,
    queuePrefix: keys.queuePrefix,
    batchSize: 500,
    update,
    log,
  });
  const env = { BENCH_HOOK_URL: endpoint.url };
  const notifier = inline
    ? { ...createNotifier({ redis, keys, settings: policies.alerting, env, log }), busy: () => 0 }
    : notifierThread({ redisUrl: redisServer.url, prefix: keys.prefix, policies: document, env });
  await alerter.start();
  await notifier.start();
  for (const [run, count] of counts.entries()) {
    // Deadlines spread over one second, 3 s from now (the tickets are created first).
    const first = Date.now() + 3000;
    const incoming = new Map<string, AcceptedEvent[]>();
    for (let i = 0; i < count; i++) {
      const deadline = first + Math.floor((i / count) * 1000);
      const r = validateEvent(
        ticketEvent(`N-${run}-${i}`, deadline - TARGET_S * 1000, 'ticket.created', {
          priority: 'urgent',
          channel: 'chat',
        }),
      );
      if (!r.ok) throw new Error(r.reason);
      incoming.set(`N-${run}-${i}`, [{ event: r.event, time: r.time, seq: i }]);
    }
    progress(`${int(count)} deadlines within one second`);
    await updateTickets({ ...update, announce: () => Promise.resolve() }, incoming, Date.now());
    if (Date.now() > first) throw new Error('setting up took longer than the 3 s ahead');
    // How busy each thread is from here to the last delivery (event-loop time).
    const elu = performance.eventLoopUtilization();
    await notifier.busy();
    const got: [string, number][] = [];
    const giveUp = first + 60_000;
    while (got.length < count && Date.now() < giveUp) {
      await new Promise((r) => setTimeout(r, 200));
      got.push(...(await endpoint.collect()));
    }
    const late = got.map(([deadline, at]) => at - Date.parse(deadline));
    const s = summarizeLatencies(late);
    // Where the time went: the alerter (deadline to queued), then the notifier's queue.
    const queuedLate: number[] = [];
    const waited: number[] = [];
    for (const job of await update.notifications!.queue('hook').getJobs(['completed'], 0, -1)) {
      const data = job.data as QueuedNotification | NotificationBatch;
      const ours = ('batch' in data ? data.batch : [data]).filter((n) =>
        n.ticketId.startsWith(`N-${run}-`),
      );
      for (const n of ours) {
        queuedLate.push(job.timestamp - (n.deadline ?? n.time));
        waited.push((job.processedOn ?? job.timestamp) - job.timestamp);
      }
    }
    const q = summarizeLatencies(queuedLate);
    const alerterBusy = performance.eventLoopUtilization(elu).active;
    rows.push([
      String(run + 1),
      int(count),
      `${int(got.length)} of ${int(count)}`,
      `${Math.round(s.p50)} ms`,
      `${Math.round(s.p95)} ms`,
      `${Math.round(s.p99)} ms`,
      `${Math.round(s.max)} ms`,
      `p50 ${Math.round(q.p50)} ms, p99 ${Math.round(q.p99)} ms`,
      `p99 ${Math.round(summarizeLatencies(waited).p99)} ms`,
      inline
        ? `${int(alerterBusy)} ms (one thread)`
        : `${int(alerterBusy)} / ${int(await notifier.busy())} ms`,
    ]);
  }
  await notifier.stop();
  await alerter.stop();
  await update.close();
  await endpoint.stop();
  await redis.quit();
  const head = [
    'burst',
    'deadlines in 1 s',
    'webhooks received',
    'p50',
    'p95',
    'p99',
    'max',
    'of which: deadline to queued (alerter)',
    'queued to job start',
    'busy: alerter / notifier thread',
  ];
  console.log('\nBreach notification lateness: deadline to a webhook on loopback receiving it\n');
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  await Promise.all([redisServer?.stop(), broker?.stop()]);
}
