import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'bullmq';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { alertMessages, BatchingProducer } from '@slawatch/kafka';
import {
  TIMER_QUEUE,
  updateTickets,
  type DueTimer,
  type UpdateDeps,
  type WakeJob,
  type RedisClient,
  duplicateClient,
} from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';
import { AlerterMetrics } from './alerter-metrics.js';

/** Worker replacements in a row before giving up, without `maxRestarts`. */
const DEFAULT_MAX_RESTARTS = 8;

export interface AlerterOptions {
  readonly kafka: Kafka;
  readonly alertsTopic: string;
  /** RedisClient; the BullMQ worker gets its own connection from it. */
  readonly redis: RedisClient;
  readonly queuePrefix: string;
  /** Most tickets checked in one round (one Redis round trip per step). */
  readonly batchSize: number;
  readonly update: Omit<UpdateDeps, 'announce'>;
  readonly log: Logger;
  readonly now?: () => number;
  /** How often to look for a timer nobody woke up for (a crashed alerter); ms. */
  readonly sweepEveryMs?: number;
  /** Where to register the alerter's Prometheus series (none: they are kept, not exposed). */
  readonly registry?: Registry;
  /** Count the due timers for `slawatch_alerter_due_timers` (at each scrape). */
  readonly countDueTimers?: boolean;
  /** Replacements in a row of a stopped worker that failed before `onFatal` (default 8). */
  readonly maxRestarts?: number;
  /**
   * The alerter gave up on its worker: the process should exit non-zero so that its
   * supervisor restarts it. Default: only logged (and `/readyz` reports it).
   */
  readonly onFatal?: (error: Error) => void;
}

export interface Alerter {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly stats: { wakeups: number; checked: number; breaches: number; atRisk: number };
  /** Resolves while the BullMQ worker is running; rejects saying why not. */
  checkRunning(): Promise<void>;
}

/** A timer due this soon is waited for inside the job: cheaper than a job round trip. */
const HOLD_MS = 250;
/**
 * Check rounds at once. The next round starts as soon as the one before has sent its
 * alerts, while that one saves its records, timers and metrics: in a burst of deadlines a
 * round then waits for the previous one's Kafka send, not for all of its Redis work.
 */
const ROUNDS_IN_FLIGHT = 2;
/** How often to look for newly due timers while a round is in flight. */
const POLL_MS = 5;
/** A timer this late has lost its wake-up job (its alerter died mid-check). */
const OVERDUE_MS = 2000;

/**
 * The alerter: a BullMQ worker for the wake-up jobs of the deadline timers. When one fires
 * it checks every ticket whose timer is due, folding each again as of that instant (the
 * deadline may have moved since the timer was set), announces only what really happened
 * (a breach, an at-risk crossing) and sets each ticket's next timer. Timers falling close
 * together are checked in rounds of up to `batchSize` tickets, so a burst of deadlines in
 * one second costs a few round trips, not one job each; two rounds overlap, the next one
 * starting once the one before has sent its alerts. No breach waits for another event.
 */
export function createAlerter(options: AlerterOptions): Alerter {
  const now = options.now ?? Date.now;
  const { log } = options;
  const timers = options.update.timers;
  const producer = new BatchingProducer(options.kafka);
  const stats = { wakeups: 0, checked: 0, breaches: 0, atRisk: 0 };
  const deps: UpdateDeps = {
    ...options.update,
    announce: (events) => producer.send(options.alertsTopic, alertMessages(events)),
  };
  let worker: Worker<WakeJob> | null = null;
  let sweeper: NodeJS.Timeout | undefined;
  let closing = false;
  /** Worker replacements since it was last seen running; `gaveUp` once over the limit. */
  let failures = 0;
  let gaveUp: string | null = null;
  let replacing = false;
  const connection = duplicateClient(options.redis, { maxRetriesPerRequest: null });
  const metrics = new AlerterMetrics(
    options.registry,
    options.countDueTimers ? () => timers.countDue(now()) : undefined,
    (err) => log.warn({ err }, 'could not count the due timers'),
  );

  /** Checks `due`; `sent` is called once its alerts are written (or it ended without). */
  async function check(due: readonly DueTimer[], sent: () => void) {
    // A clock is breached strictly after its deadline: look just past the latest instant.
    const evaluateAt = Math.max(now(), Math.max(...due.map((d) => d.at)) + 1);
    const round: UpdateDeps = {
      ...deps,
      announce: (events) => deps.announce(events).then(sent),
    };
    const result = await updateTickets(
      round,
      new Map(due.map((d) => [d.ticketId, []])),
      evaluateAt,
    ).finally(sent);
    stats.checked += due.length;
    metrics.checked(due, now());
    for (const t of result.transitions) {
      if (t.type === 'sla.breached') stats.breaches += 1;
      if (t.type === 'sla.at_risk') stats.atRisk += 1;
    }
  }

  async function wake() {
    stats.wakeups += 1;
    /** The tickets of the rounds in flight: still due until their round sets their timers. */
    const checking = new Set<string>();
    const rounds = new Set<Promise<void>>();
    const failures: unknown[] = [];
    const start = (due: readonly DueTimer[]) =>
      new Promise<void>((sent) => {
        for (const d of due) checking.add(d.ticketId);
        const round: Promise<void> = check(due, sent)
          .catch((error: unknown) => {
            failures.push(error);
          })
          .finally(() => {
            for (const d of due) checking.delete(d.ticketId);
            rounds.delete(round);
          });
        rounds.add(round);
      });
    for (;;) {
      // A failed round fails the job (BullMQ retries it) once the other rounds are done.
      if (failures.length > 0 || closing) {
        await Promise.all(rounds);
        if (failures.length > 0) throw failures[0];
      }
      if (rounds.size < ROUNDS_IN_FLIGHT && !closing) {
        const due = (await timers.due(now(), options.batchSize + checking.size))
          .filter((d) => !checking.has(d.ticketId))
          .slice(0, options.batchSize);
        if (due.length > 0) {
          await start(due);
          continue;
        }
      }
      if (rounds.size > 0) {
        await Promise.race([...rounds, sleep(POLL_MS)]);
        continue;
      }
      const next = await timers.earliest();
      if (next === null) return;
      const wait = next - now();
      if (wait <= HOLD_MS && !closing) {
        if (wait > 0) await sleep(wait);
        continue;
      }
      // Every timer is set after each check, so this job leaves none due behind it.
      await timers.wake(next, now());
      return;
    }
  }

  function newWorker(): Worker<WakeJob> {
    const w = new Worker<WakeJob>(TIMER_QUEUE, wake, {
      connection,
      prefix: options.queuePrefix,
      // One check loop per process: it takes every due timer anyway.
      concurrency: 1,
    });
    w.on('failed', (job, error) =>
      log.error({ err: error, at: job?.data.at }, 'deadline check failed; BullMQ retries it'),
    );
    // Without a listener an 'error' (a lost Redis connection) would end the process.
    w.on('error', (error) => log.warn({ err: error }, 'deadline worker: error'));
    return w;
  }

  /**
   * A worker that stopped running without our stop() is replaced; one that cannot be
   * replaced `maxRestarts` times in a row ends the process (issue 15: a part that stops
   * must not stop silently).
   */
  async function supervise() {
    if (closing || replacing || gaveUp !== null || worker === null) return;
    if (worker.isRunning()) {
      failures = 0;
      return;
    }
    replacing = true;
    try {
      failures += 1;
      const most = options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
      if (failures > most) {
        gaveUp = `the deadline worker could not be restarted ${most} times (SLAWATCH_RESTART_ATTEMPTS)`;
        log.fatal(gaveUp);
        options.onFatal?.(new Error(gaveUp));
        return;
      }
      log.warn({ attempt: failures }, 'the deadline worker stopped; starting a new one');
      const old = worker;
      await old.close(true).catch(() => undefined);
      worker = newWorker();
      await worker.waitUntilReady();
    } finally {
      replacing = false;
    }
  }

  async function sweep() {
    const next = await timers.earliest();
    if (next === null || next >= now() - OVERDUE_MS) return;
    log.warn({ overdueMs: now() - next }, 'a timer is overdue; adding its wake-up job');
    await timers.wake(next, now());
  }

  return {
    stats,
    checkRunning: () =>
      worker?.isRunning()
        ? Promise.resolve()
        : Promise.reject(new Error(closing ? 'stopped' : (gaveUp ?? 'not running'))),
    async start() {
      await producer.connect();
      worker = newWorker();
      await worker.waitUntilReady();
      // The earliest timer gets a wake-up job even if the last alerter died before adding it.
      const next = await timers.earliest();
      if (next !== null) await timers.wake(next, now());
      sweeper = setInterval(() => {
        sweep().catch((error: unknown) => log.error({ err: error }, 'timer sweep failed'));
        supervise().catch((error: unknown) =>
          log.error({ err: error }, 'could not replace the deadline worker'),
        );
      }, options.sweepEveryMs ?? 1000);
      log.info({ batchSize: options.batchSize }, 'alerter waiting for deadlines');
    },
    async stop() {
      closing = true;
      clearInterval(sweeper);
      await worker?.close();
      await producer.disconnect();
      await connection.quit();
      log.info(stats, 'alerter stopped');
    },
  };
}
