import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Registry } from 'prom-client';
import type { AlertingSettings, Notification, ReceiverSpec } from '@slawatch/core';
import {
  DEFAULT_DELIVERY,
  DeliveryClaims,
  NotificationLog,
  NotificationQueue,
  notificationQueueName,
  retryDelay,
  type DeliveryPolicy,
  type Keys,
  type NotificationBatch,
  type QueuedNotification,
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
import { deliverBatch, type BatchDeps } from './batch-delivery.js';
import { DeliveryTally, type DeliveryStats } from './delivery-tally.js';
import { ReceiverCap } from './receiver-cap.js';
import { InFlight } from './in-flight.js';

export type { DeliveryStats } from './delivery-tally.js';

/**
 * Jobs in hand per receiver and alerter, and the batch jobs' deliveries in flight per
 * receiver and alerter: a delivery mostly waits on the network, and bursts of breaches
 * are the case that matters (bench:notify: 1,000 in one second reach a loopback webhook
 * with p99 325 ms at 50, 948 ms at 8, when every notification was a job of its own).
 */
const CONCURRENCY = 50;
/**
 * A job whose alerter died is run again after at most about LOCK_MS + LOCK_MS (BullMQ's
 * lock, then its check for stalled jobs; 30 s each by default): a batch cut short holds
 * back the rest of its notifications until then. A batch run again skips what it delivered,
 * so it may stall a few times (alerters killed in a row) before it counts as failed.
 */
const LOCK_MS = 5_000;
const MAX_STALLS = 3;

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
  /** The period of the receivers' `ratePerMinute` cap (tests shorten it from a minute). */
  readonly capPeriodMs?: number;
  /** Where to register `slawatch_alerter_deliveries_total` (none: counted in `stats` only). */
  readonly registry?: Registry;
}

export interface Notifier {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects, naming the receiver, while one of the receivers' workers is not running. */
  checkRunning(): Promise<void>;
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

type DeliveryJob = Job<QueuedNotification | FlushJob | NotificationBatch>;

/**
 * Delivers the notifications the tracker and the alerter queue: one BullMQ worker per
 * receiver, within its `ratePerMinute`, retrying with jittered exponential backoff; a
 * notification given up on stays in its queue's failed set (the dead letters) with its
 * last error. Notifications due together come as batch jobs (batch-delivery.ts), whose
 * failures go on in jobs of their own. Deliveries are at least once; every one carries
 * its idempotency id, and a notification carried by two jobs is delivered by one.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const now = options.now ?? Date.now;
  const delivery = options.delivery ?? DEFAULT_DELIVERY;
  const { log } = options;
  const history = new NotificationLog(options.redis, options.keys);
  const tally = new DeliveryTally(history, now, log, options.registry);
  const claims = new DeliveryClaims(options.redis, options.keys);
  const workers: Worker<
    QueuedNotification | FlushJob | NotificationBatch,
    readonly Notification[]
  >[] = [];
  const queue = new NotificationQueue(options.redis, options.keys, delivery);
  const receivers: (Receiver & { close?(): void })[] = [];
  const connection = duplicateClient(options.redis, { maxRetriesPerRequest: null });
  /** Attempts made before the job's own (in the batch that handed it over). */
  const before = (job: { data: unknown }) => (job.data as QueuedNotification).attemptsBefore ?? 0;

  // A resolve must not overtake its trigger (retrying, or due at the same instant after
  // quiet hours): PagerDuty or Alertmanager would keep the alert open. It waits, retried,
  // until the trigger is delivered or given up on.
  const triggerFirst = async (n: Notification) => {
    const last = await history.latest(n.ticketId, n.alertKey, n.receiver);
    if (last === null || (last.action === 'trigger' && last.outcome === 'retried'))
      throw new Error('waiting for its trigger to be delivered first');
  };

  /** A notification's own job: delivered unless another job answers for it (DeliveryClaims). */
  async function deliverOwn(
    job: DeliveryJob,
    token: string | undefined,
    n: QueuedNotification,
    deps: BatchDeps,
  ): Promise<readonly Notification[]> {
    if (n.refused !== undefined) throw new UnrecoverableError(n.refused);
    const [owner] = await claims.claim([n.id], job.id!);
    if (owner !== null && owner !== job.id && owner !== n.from) return [];
    // A digest is a message of its own: never grouped with alerts.
    if (deps.groups && !n.digest) {
      await deps.groups.stash(n, now());
      await claims.delivered([n.id]);
      return [];
    }
    if (deps.cap && (await deps.cap.take(1, now())) === 0) {
      // Not an attempt: the job waits for the next period of the cap.
      await job.moveToDelayed(deps.cap.nextPeriod(now()), token);
      throw new DelayedError();
    }
    if (n.action === 'resolve') await triggerFirst(n);
    await deps.receiver.deliver(n);
    await claims.delivered([n.id]);
    return [n];
  }

  let closing = false;
  return {
    stats: tally.stats,
    checkRunning() {
      const stopped = options.settings.receivers.filter((_, i) => !workers[i]?.isRunning());
      if (stopped.length === 0) return Promise.resolve();
      const which = stopped.map((r) => r.id).join(', ');
      return Promise.reject(new Error(closing ? 'stopped' : `not delivering to ${which}`));
    },
    async start() {
      for (const spec of options.settings.receivers) {
        const receiver = receiverFor(spec, options, now);
        receivers.push(receiver);
        tally.add(spec.id);
        const cap = new ReceiverCap(
          options.redis,
          options.keys,
          spec.id,
          spec.ratePerMinute,
          options.capPeriodMs,
        );
        // People's channels get one team's alerts of a window as one message.
        const groups =
          options.settings.groupWindowMs > 0 && receiver.deliverGroup
            ? new AlertGroups(
                options.redis,
                options.keys,
                queue,
                options.settings.groupWindowMs,
                cap,
              )
            : null;
        const deps: BatchDeps = {
          receiverId: spec.id,
          receiver,
          groups,
          // Grouped receivers are capped per message at the flush (AlertGroups.flush): a
          // cap here would hold back the cheap stashing too.
          cap: groups ? null : cap,
          inFlight: new InFlight(CONCURRENCY),
          queue,
          claims,
          delivery,
          tally,
          triggerFirst,
          now,
        };
        const worker = new Worker<
          QueuedNotification | FlushJob | NotificationBatch,
          readonly Notification[]
        >(
          notificationQueueName(spec.id),
          async (job: DeliveryJob, token?: string): Promise<readonly Notification[]> => {
            const data = job.data;
            try {
              if ('flush' in data)
                return await groups!.flush({ id: spec.id, receiver }, data.flush, now());
              if ('batch' in data) {
                await deliverBatch(job.id!, data.batch, deps);
                return [];
              }
              return await deliverOwn(job, token, data, deps);
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
            lockDuration: LOCK_MS,
            stalledInterval: LOCK_MS,
            maxStalledCount: MAX_STALLS,
            settings: {
              backoffStrategy: (attemptsMade, _type, _error, job) =>
                retryDelay(attemptsMade + (job ? before(job) : 0), delivery),
            },
          },
        );
        worker.on('completed', (job, delivered) => {
          const attempts = job.attemptsMade + before(job);
          void tally.settle(
            spec.id,
            delivered.map((n) => ({ n, outcome: 'delivered', attempts })),
          );
        });
        worker.on('failed', (job, error) => {
          if (!job) return;
          const data = job.data;
          const attempts = job.attemptsMade + before(job);
          const final = error instanceof UnrecoverableError || attempts >= delivery.attempts;
          // A grouped send that failed is retried whole; its alerts stay waiting. A batch
          // hands over what failed: only Redis can fail it, and its run again skips the rest.
          if ('batch' in data) {
            log.warn(
              { receiver: spec.id, job: job.id, err: error.message },
              'notification batch failed',
            );
            return;
          }
          const outcome = final ? 'dead' : 'retried';
          if ('flush' in data) tally.count(spec.id, outcome, 1);
          else void tally.settle(spec.id, [{ n: data, outcome, attempts, error: error.message }]);
          if (!final) return;
          log.error(
            { receiver: spec.id, job: job.id, attempts, err: error.message },
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
      closing = true;
      // Finishes the deliveries in hand; queued ones wait for the next start.
      await Promise.all(workers.map((w) => w.close()));
      for (const r of receivers) r.close?.();
      await queue.close();
      await connection.quit();
    },
  };
}
