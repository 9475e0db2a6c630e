import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Counter, type Registry } from 'prom-client';
import type { AlertingSettings, Notification, ReceiverSpec } from '@slawatch/core';
import {
  DEFAULT_DELIVERY,
  NotificationLog,
  NotificationQueue,
  notificationQueueName,
  retryDelay,
  type DeliveryOutcome,
  type DeliveryPolicy,
  type Keys,
  type RedisClient,
  duplicateClient,
} from '@slawatch/store';
import type { Logger } from '@slawatch/telemetry';
import { PermanentDeliveryError } from './delivery-error.js';
import type { Receiver } from './receiver.js';
import { alertmanagerReceiver } from './alertmanager-receiver.js';
import { pagerDutyReceiver } from './pagerduty-receiver.js';
import { AlertGroups, type FlushJob } from './alert-groups.js';
import { emailReceiver } from './email-receiver.js';
import { slackReceiver } from './slack-receiver.js';
import { webhookReceiver } from './webhook-receiver.js';

/**
 * Deliveries in flight per receiver and alerter: a delivery mostly waits on the network,
 * and bursts of breaches are the case that matters (bench:notify: 1,000 in one second
 * reach a loopback webhook with p99 325 ms at 50, 948 ms at 8).
 */
const CONCURRENCY = 50;

export interface NotifierOptions {
  readonly redis: RedisClient;
  readonly keys: Keys;
  readonly settings: AlertingSettings;
  /** Where the receivers' secrets are read from (checked at start: loadPolicyFile). */
  readonly env: NodeJS.ProcessEnv;
  readonly delivery?: DeliveryPolicy;
  /** Time allowed for one HTTP delivery. */
  readonly timeoutMs?: number;
  readonly log: Logger;
  readonly now?: () => number;
  /** The period of the receivers' `ratePerMinute` cap on grouped messages (tests shorten it). */
  readonly capPeriodMs?: number;
  /** Where to register `slawatch_alerter_deliveries_total` (none: counted in `stats` only). */
  readonly registry?: Registry;
}

/** Deliveries by receiver and outcome, for `/metrics`. */
export type DeliveryStats = Map<string, { delivered: number; retried: number; dead: number }>;

export interface Notifier {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly stats: DeliveryStats;
}

function receiverFor(
  spec: ReceiverSpec,
  options: NotifierOptions,
  now: () => number,
): Receiver & { close?(): void } {
  const env = (name: string | null) => (name === null ? null : (options.env[name] ?? null));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ticketUrl = options.settings.ticketUrl;
  switch (spec.type) {
    case 'webhook':
      return webhookReceiver({
        url: env(spec.urlEnv)!,
        secret: env(spec.secretEnv),
        ticketUrl,
        timeoutMs,
        now,
      });
    case 'pagerduty':
      return pagerDutyReceiver({
        url: spec.url,
        routingKey: env(spec.routingKeyEnv)!,
        ticketUrl,
        timeoutMs,
      });
    case 'alertmanager':
      return alertmanagerReceiver({ url: spec.url, ticketUrl, timeoutMs, now });
    case 'slack':
      return slackReceiver({ url: env(spec.urlEnv)!, ticketUrl, timeoutMs, now });
    case 'email':
      return emailReceiver({
        smtp: { ...spec.smtp, password: env(spec.smtp.passwordEnv) },
        from: spec.from,
        to: spec.to,
        ticketUrl,
        timeoutMs,
        now,
      });
  }
}

/**
 * Delivers the notifications the tracker and the alerter queue: one BullMQ worker per
 * receiver, rate-limited to its `ratePerMinute`, retrying with jittered exponential
 * backoff; a notification given up on stays in its queue's failed set (the dead letters)
 * with its last error. Deliveries are at least once; every one carries its idempotency id.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const now = options.now ?? Date.now;
  const delivery = options.delivery ?? DEFAULT_DELIVERY;
  const { log } = options;
  const stats: DeliveryStats = new Map();
  // This process's deliveries; the cluster-wide totals are the gateway's slawatch_notifications_total.
  const deliveries = new Counter({
    name: 'slawatch_alerter_deliveries_total',
    help: 'Notification delivery attempts of this alerter by receiver and outcome: delivered, retried (failed, will retry), dead (given up on).',
    labelNames: ['receiver', 'outcome'],
    registers: options.registry ? [options.registry] : [],
  });
  const workers: Worker<Notification | FlushJob, readonly Notification[]>[] = [];
  const flushQueue = new NotificationQueue(options.redis, options.keys, delivery);
  const receivers: (Receiver & { close?(): void })[] = [];
  const connection = duplicateClient(options.redis, { maxRetriesPerRequest: null });
  const history = new NotificationLog(options.redis, options.keys);
  // For the gateway and /metrics; a lost record loses no notification, so it is logged only.
  const record = (n: Notification, outcome: DeliveryOutcome, attempts: number, error?: string) => {
    void history
      .record(
        {
          id: n.id,
          receiver: n.receiver,
          action: n.action,
          alertKey: n.alertKey,
          ticketId: n.ticketId,
          clock: n.labels.clock,
          level: n.labels.level,
          team: n.labels.team,
          priority: n.labels.priority,
          outcome,
          at: new Date(now()).toISOString(),
          attempts,
          ...(error === undefined ? {} : { error }),
        },
        now(),
      )
      .catch((e: unknown) => log.warn({ err: e }, 'could not record a delivery'));
  };

  // A resolve must not overtake its trigger (retrying, or due at the same instant after
  // quiet hours): PagerDuty or Alertmanager would keep the alert open. It waits, retried,
  // until the trigger is delivered or given up on.
  const triggerFirst = async (n: Notification) => {
    const last = await history.latest(n.ticketId, n.alertKey, n.receiver);
    if (last === null || (last.action === 'trigger' && last.outcome === 'retried'))
      throw new Error('waiting for its trigger to be delivered first');
  };

  return {
    stats,
    async start() {
      for (const spec of options.settings.receivers) {
        const receiver = receiverFor(spec, options, now);
        receivers.push(receiver);
        const counts = { delivered: 0, retried: 0, dead: 0 };
        stats.set(spec.id, counts);
        for (const outcome of Object.keys(counts))
          deliveries.inc({ receiver: spec.id, outcome }, 0);
        // People's channels get one team's alerts of a window as one message.
        const groups =
          options.settings.groupWindowMs > 0 && receiver.deliverGroup
            ? new AlertGroups(
                options.redis,
                options.keys,
                flushQueue,
                options.settings.groupWindowMs,
                options.capPeriodMs,
              )
            : null;
        const worker = new Worker<Notification | FlushJob, readonly Notification[]>(
          notificationQueueName(spec.id),
          async (job: Job<Notification | FlushJob>): Promise<readonly Notification[]> => {
            const data = job.data;
            try {
              if ('flush' in data)
                return await groups!.flush(
                  { id: spec.id, ratePerMinute: spec.ratePerMinute, receiver },
                  data.flush,
                  now(),
                );
              if (groups) {
                await groups.stash(data, now());
                return [];
              }
              if (data.action === 'resolve') await triggerFirst(data);
              await receiver.deliver(data);
              return [data];
            } catch (error) {
              if (error instanceof PermanentDeliveryError)
                throw new UnrecoverableError(error.message);
              throw error;
            }
          },
          {
            connection,
            prefix: options.keys.notifyPrefix,
            concurrency: CONCURRENCY,
            // Grouped receivers are capped per message at the flush (AlertGroups.claim): a
            // limiter here would hold back the cheap stashing too.
            ...(groups ? {} : { limiter: { max: spec.ratePerMinute, duration: 60_000 } }),
            settings: { backoffStrategy: (attemptsMade) => retryDelay(attemptsMade, delivery) },
          },
        );
        worker.on('completed', (job, delivered) => {
          counts.delivered += delivered.length;
          deliveries.inc({ receiver: spec.id, outcome: 'delivered' }, delivered.length);
          for (const n of delivered) record(n, 'delivered', job.attemptsMade);
        });
        worker.on('failed', (job, error) => {
          if (!job) return;
          const final =
            error instanceof UnrecoverableError || job.attemptsMade >= delivery.attempts;
          const data = job.data;
          // A grouped send that failed is retried whole; its alerts stay waiting.
          if (!('flush' in data))
            record(data, final ? 'dead' : 'retried', job.attemptsMade, error.message);
          if (!final) {
            counts.retried += 1;
            deliveries.inc({ receiver: spec.id, outcome: 'retried' });
            return;
          }
          counts.dead += 1;
          deliveries.inc({ receiver: spec.id, outcome: 'dead' });
          log.error(
            { receiver: spec.id, job: job.id, attempts: job.attemptsMade, err: error.message },
            'notification given up on: in the dead letters',
          );
        });
        worker.on('error', (error) =>
          log.warn({ err: error, receiver: spec.id }, 'notifier worker error'),
        );
        workers.push(worker);
      }
      await Promise.all(workers.map((w) => w.waitUntilReady()));
      log.info(
        { receivers: options.settings.receivers.map((r) => `${r.id} (${r.type})`) },
        'notifier delivering',
      );
    },
    async stop() {
      // Finishes the deliveries in hand; queued ones wait for the next start.
      await Promise.all(workers.map((w) => w.close()));
      for (const r of receivers) r.close?.();
      await flushQueue.close();
      await connection.quit();
    },
  };
}
