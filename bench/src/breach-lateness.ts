import type { Producer } from 'kafkajs';
import { createAlerter, type Alerter } from '@slawatch/alerter';
import { createLogger } from '@slawatch/telemetry';
import { deleteKeysByPrefix, uniqueGroupId, uniqueTopic } from '@slawatch/test';
import { createTracker, type Tracker } from '@slawatch/tracker';
import { startAlertsReader, type AlertsReader } from './alerts-reader.js';
import type { BenchEnv } from './bench-env.js';
import { cpuShare, type CpuSample, type CpuShare } from './cpu-meter.js';
import { ensureTopics } from './ensure-topics.js';
import { summarizeLatencies, type LatencySummary } from './latency-summary.js';
import { createLiveDeps } from './live-deps.js';
import { loadPolicies } from './load-policies.js';
import { PhaseTimer } from './phase-timer.js';
import { progress } from './progress.js';
import { spyKafka, timeSends } from './spy-kafka.js';
import { ticketEvent } from './ticket-event.js';

export interface LatenessOptions {
  readonly deadlines: number;
  readonly targetSeconds: number;
  readonly batchSize: number;
}

export interface LatenessResult {
  readonly expected: number;
  readonly received: number;
  /** Alerts the broker acknowledged (each ticket's first send). */
  readonly produced: number;
  /**
   * Deadline (the breach's `time`) to its alert produced and acknowledged by the broker:
   * the system's own part of the lateness (issue 18).
   */
  readonly acknowledged: LatencySummary;
  /** Deadline to the moment the reading consumer got it: end to end. */
  readonly lateness: LatencySummary;
  /** The same delay cut at the points the benchmark can see. */
  readonly stages: {
    /** Deadline to the alerter's check of the ticket starting (reading its record). */
    readonly fire: LatencySummary;
    /** Check start to the alerter's sendBatch starting (Redis load, fold, queueing). */
    readonly untilSend: LatencySummary;
    /** The alerter's sendBatch, to its acknowledgement by the broker. */
    readonly send: LatencySummary;
    /** Acknowledged to received by the reading consumer (its fetch wait). */
    readonly delivery: LatencySummary;
  };
  /** How long before the first deadline the tracker had set every timer. */
  readonly timersSetAheadMs: number;
  /** First check started to last alert acknowledged. */
  readonly alerterMs: number;
  readonly checked: number;
  readonly wakeups: number;
  /** Check rounds (record reads) from the first deadline on. */
  readonly rounds: number;
  readonly sends: number;
  /** The alerter's Redis steps and sends, from the first deadline on. */
  readonly phases: PhaseTimer;
  /** From the first deadline to the last breach received. */
  readonly cpu: CpuShare;
}

/**
 * Breach lateness: `deadlines` tickets whose first-response deadlines all fall within one
 * wall-clock second, a few seconds ahead; the tracker sets their timers, the alerter fires
 * them, a wrapper on the alerter's producer notes when the broker acknowledged each alert
 * (the system's own part), and a consumer of the alerts topic (maxWaitTimeInMs 100, like
 * every live reader; on its own thread) notes when each `sla.breached` arrives (end to
 * end). A hook on the record reads shows where each alert spent its time.
 */
export async function measureBreachLateness(
  env: BenchEnv,
  options: LatenessOptions,
): Promise<LatenessResult> {
  const { kafka, redis } = env;
  const { deadlines: count, targetSeconds, batchSize } = options;
  const policies = loadPolicies(`
policies:
  - id: burst
    match: {}
    targets: { firstResponse: ${targetSeconds}s, resolution: 1h }
`);
  const topics = {
    events: uniqueTopic('bench-burst-events'),
    alerts: uniqueTopic('bench-burst-alerts'),
    dlq: uniqueTopic('bench-burst-dlq'),
  };
  await ensureTopics(kafka, Object.values(topics));
  const phases = new PhaseTimer();
  const prefix = `bench-burst-${Date.now().toString(36)}`;
  // When each ticket's record was first read after the timers were set: its check began.
  let watchLoads = false;
  let rounds = 0;
  const checkedAt = new Map<string, number>();
  const deps = createLiveDeps(redis, prefix, policies, phases, (ticketIds) => {
    if (!watchLoads) return;
    const at = Date.now();
    rounds += 1;
    for (const id of ticketIds) if (!checkedAt.has(id)) checkedAt.set(id, at);
  });
  const log = createLogger('bench-pipeline', process.env.BENCH_LOG ?? 'silent');

  const tracker: Tracker = createTracker({
    kafka,
    topic: topics.events,
    dlqTopic: topics.dlq,
    alertsTopic: topics.alerts,
    groupId: uniqueGroupId('bench-burst-tracker'),
    maxEventBytes: 65_536,
    update: deps.update,
    log,
    consumerConfig: { sessionTimeout: 6_000, heartbeatInterval: 2_000 },
  });
  const sentAt = new Map<string, { startedAt: number; ackedAt: number }>();
  let sends = 0;
  const alerter: Alerter = createAlerter({
    kafka: spyKafka(kafka, {
      producer: (p) =>
        timeSends(p, (send) => {
          sends += 1;
          phases.add('kafka: produce alerts', send.ackedAt - send.startedAt);
          for (const key of send.keys) if (!sentAt.has(key)) sentAt.set(key, send);
        }),
    }),
    alertsTopic: topics.alerts,
    redis,
    queuePrefix: deps.keys.queuePrefix,
    batchSize,
    update: deps.update,
    log,
  });
  let reader: AlertsReader | undefined;
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });

  try {
    progress('lateness: starting tracker, alerter and the alerts reader (group joins take ~3 s)');
    await producer.connect();
    reader = await startAlertsReader({
      brokers: env.brokers,
      topic: topics.alerts,
      groupId: uniqueGroupId('bench-burst-reader'),
    });
    const { breaches } = reader;
    await Promise.all([tracker.start(), alerter.start()]);

    // Created during the wall-clock second before this one (never in the future), so every
    // deadline falls in one second that starts targetSeconds - 2 to targetSeconds - 1 s
    // from now: 3-4 s with the default 5 s target, time enough to set 5,000 timers.
    const second = Math.floor(Date.now() / 1000) * 1000 - 1000;
    const deadlineOf = (i: number) =>
      second + targetSeconds * 1000 + Math.floor((i * 1000) / count);
    const firstDeadline = deadlineOf(0);
    const events = Array.from({ length: count }, (_, i) =>
      ticketEvent(`B-${i}`, deadlineOf(i) - targetSeconds * 1000, 'ticket.created', {
        priority: 'high',
        channel: 'chat',
        team: 'emea',
        requesterId: `c-${i}`,
      }),
    );
    progress(
      `lateness: producing ${count} tickets; deadlines from ${new Date(firstDeadline).toISOString()}`,
    );
    await producer.send({
      topic: topics.events,
      messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
    while (tracker.stats.events < count) {
      if (Date.now() > firstDeadline + 60_000) throw new Error('the tracker did not catch up');
      await sleep(5);
    }
    const timersSetAt = Date.now();
    phases.reset();
    watchLoads = true;
    let cpuAtDeadline: CpuSample | undefined;
    const cpuTimer = setTimeout(
      () => (cpuAtDeadline = env.cpu.sample()),
      firstDeadline - Date.now(),
    );
    // Polled: each breach was stamped when its batch arrived, the poll only ends the wait.
    await waitFor(() => breaches.size >= count, firstDeadline + 120_000 - Date.now());
    const cpuAtEnd = env.cpu.sample();
    clearTimeout(cpuTimer);
    progress(`lateness: ${breaches.size} of ${count} breaches received`);
    // Let the alerter finish the round in hand (next timers, saves) before reading its times.
    await waitFor(() => alerter.stats.checked >= count, 10_000);

    const lateness: number[] = [];
    const acknowledged: number[] = [];
    const fire: number[] = [];
    const untilSend: number[] = [];
    const send: number[] = [];
    const delivery: number[] = [];
    let firstCheck = Infinity;
    let lastAck = 0;
    for (let i = 0; i < count; i++) {
      const ticketId = `B-${i}`;
      const deadline = deadlineOf(i);
      const breach = breaches.get(ticketId);
      const checked = checkedAt.get(ticketId);
      const sent = sentAt.get(ticketId);
      if (breach) lateness.push(breach.receivedAt - breach.deadline);
      if (checked !== undefined) {
        fire.push(checked - deadline);
        firstCheck = Math.min(firstCheck, checked);
        if (sent) untilSend.push(sent.startedAt - checked);
      }
      if (sent) {
        acknowledged.push(sent.ackedAt - deadline);
        lastAck = Math.max(lastAck, sent.ackedAt);
        send.push(sent.ackedAt - sent.startedAt);
        if (breach) delivery.push(breach.receivedAt - sent.ackedAt);
      }
    }
    return {
      expected: count,
      received: breaches.size,
      produced: acknowledged.length,
      acknowledged: summarizeLatencies(acknowledged),
      lateness: summarizeLatencies(lateness),
      stages: {
        fire: summarizeLatencies(fire),
        untilSend: summarizeLatencies(untilSend),
        send: summarizeLatencies(send),
        delivery: summarizeLatencies(delivery),
      },
      timersSetAheadMs: firstDeadline - timersSetAt,
      alerterMs: lastAck - firstCheck,
      checked: alerter.stats.checked,
      wakeups: alerter.stats.wakeups,
      rounds,
      sends,
      phases,
      cpu: cpuShare(cpuAtDeadline ?? cpuAtEnd, cpuAtEnd),
    };
  } finally {
    await reader?.stop().catch(() => undefined);
    await tracker.stop().catch(() => undefined);
    await alerter.stop().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await deps.timers.close();
    await deleteKeysByPrefix(redis, prefix);
    await deleteKeysByPrefix(redis, deps.keys.queuePrefix);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await sleep(20);
}
