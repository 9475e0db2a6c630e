import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import { alertMessages, BatchingProducer } from '@slawatch/kafka';
import { TIMER_QUEUE, updateTickets, type TimerJob, type UpdateDeps } from '@slawatch/store';
import { TimerBatcher } from './timer-batcher.js';
import type { Logger } from '@slawatch/telemetry';

export interface AlerterOptions {
  readonly kafka: Kafka;
  readonly alertsTopic: string;
  /** Redis; the BullMQ worker gets its own connections from it. */
  readonly redis: Redis;
  readonly queuePrefix: string;
  readonly concurrency: number;
  readonly update: Omit<UpdateDeps, 'announce'>;
  readonly log: Logger;
  readonly now?: () => number;
}

export interface Alerter {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly stats: { fired: number; breaches: number; atRisk: number };
}

/**
 * The alerter: BullMQ workers for the deadline timers. When a timer fires it folds the
 * ticket again as of that instant (the deadline may have moved since the timer was set),
 * and announces only what really happened: a breach, an at-risk crossing. Then it sets
 * the ticket's next timer. No breach waits for another event to arrive.
 */
export function createAlerter(options: AlerterOptions): Alerter {
  const now = options.now ?? Date.now;
  const producer = new BatchingProducer(options.kafka);
  const stats = { fired: 0, breaches: 0, atRisk: 0 };
  const deps: UpdateDeps = {
    ...options.update,
    announce: (events) => producer.send(options.alertsTopic, alertMessages(events)),
  };
  let worker: Worker<TimerJob> | null = null;
  const connection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const batcher = new TimerBatcher(async (ticketIds, latestAt) => {
    // A clock is breached strictly after its deadline: look just past the instant.
    const evaluateAt = Math.max(now(), latestAt + 1);
    const result = await updateTickets(deps, new Map(ticketIds.map((id) => [id, []])), evaluateAt);
    return result.transitions;
  });

  async function fire(job: Job<TimerJob>) {
    const transitions = await batcher.fire(job.data.ticketId, job.data.at);
    stats.fired += 1;
    for (const t of transitions) {
      if (t.type === 'sla.breached') stats.breaches += 1;
      if (t.type === 'sla.at_risk') stats.atRisk += 1;
    }
  }

  return {
    stats,
    async start() {
      await producer.connect();
      worker = new Worker<TimerJob>(TIMER_QUEUE, fire, {
        connection,
        prefix: options.queuePrefix,
        concurrency: options.concurrency,
      });
      worker.on('failed', (job, error) =>
        options.log.error(
          { err: error, ticketId: job?.data.ticketId },
          'deadline check failed; BullMQ retries it',
        ),
      );
      await worker.waitUntilReady();
      options.log.info({ concurrency: options.concurrency }, 'alerter waiting for deadlines');
    },
    async stop() {
      await worker?.close();
      await producer.disconnect();
      await connection.quit();
      options.log.info(stats, 'alerter stopped');
    },
  };
}
