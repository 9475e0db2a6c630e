import type { Notification } from '@slawatch/core';
import {
  handOverJobId,
  retryDelay,
  type DeliveryClaims,
  type DeliveryPolicy,
  type NotificationQueue,
} from '@slawatch/store';
import type { AlertGroups } from './alert-groups.js';
import { PermanentDeliveryError } from './delivery-error.js';
import type { DeliveryTally, Settled } from './delivery-tally.js';
import type { InFlight } from './in-flight.js';
import type { ReceiverCap } from './receiver-cap.js';
import type { Receiver } from './receiver.js';

/** What a batch job needs: its receiver and the notifier's shared parts. */
export interface BatchDeps {
  readonly receiverId: string;
  readonly receiver: Receiver;
  /** The receiver's grouping, when it groups alerts (it is capped per message then). */
  readonly groups: AlertGroups | null;
  readonly cap: ReceiverCap | null;
  /** The receiver's deliveries in flight, shared by its batch jobs. */
  readonly inFlight: InFlight;
  readonly queue: NotificationQueue;
  readonly claims: DeliveryClaims;
  readonly delivery: DeliveryPolicy;
  readonly tally: DeliveryTally;
  /** Throws while a resolve's trigger has not been delivered (or given up on). */
  readonly triggerFirst: (n: Notification) => Promise<void>;
  readonly now: () => number;
}

/**
 * One batch job (notifications due now for one receiver): the first attempt of each
 * notification it owns (DeliveryClaims), triggers before resolves, within the receiver's
 * cap. Whatever does not go through is handed over to a job of its own, which does the
 * rest as for any notification: the retries with backoff, the wait for a trigger, the
 * dead letters, the next period of the cap. Run again (a crashed alerter's batch), it
 * skips what it delivered or handed over.
 */
export async function deliverBatch(
  jobId: string,
  batch: readonly Notification[],
  deps: BatchDeps,
): Promise<void> {
  const owners = await deps.claims.claim(
    batch.map((n) => n.id),
    jobId,
  );
  let mine = batch.filter((_, i) => owners[i] === null || owners[i] === jobId);
  if (mine.length === 0) return;
  if (deps.groups) {
    // A digest is a message of its own: never grouped with alerts.
    const grouped = mine.filter((n) => !n.digest);
    for (const n of grouped) await deps.groups.stash(n, deps.now());
    await deps.claims.delivered(grouped.map((n) => n.id));
    mine = mine.filter((n) => n.digest);
    if (mine.length === 0) return;
  }
  // Triggers first, so that the cap holds back resolves before their triggers.
  const ordered = [
    ...mine.filter((n) => n.action === 'trigger'),
    ...mine.filter((n) => n.action !== 'trigger'),
  ];
  const now = deps.now();
  const granted = deps.cap ? await deps.cap.take(ordered.length, now) : ordered.length;
  const capped = ordered.slice(granted);
  await Promise.all(
    capped.map((n) =>
      handOver(n, jobId, deps, { attemptsBefore: 0, delayMs: deps.cap!.nextPeriod(now) - now }),
    ),
  );
  const sending = ordered.slice(0, granted);
  // A resolve checks the log for its trigger: the triggers are recorded before it looks.
  await attempt(
    sending.filter((n) => n.action === 'trigger'),
    jobId,
    deps,
  );
  await attempt(
    sending.filter((n) => n.action !== 'trigger'),
    jobId,
    deps,
  );
}

/** Delivers `list`, records each outcome and hands over each failure. */
async function attempt(list: readonly Notification[], jobId: string, deps: BatchDeps) {
  const errors = await Promise.all(
    list.map((n) =>
      deps.inFlight
        .run(async () => {
          if (n.action === 'resolve') await deps.triggerFirst(n);
          await deps.receiver.deliver(n);
        })
        .then(
          () => null,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
    ),
  );
  const delivered = list.filter((_, i) => errors[i] === null);
  await deps.claims.delivered(delivered.map((n) => n.id));
  const settled: Settled[] = delivered.map((n) => ({ n, outcome: 'delivered', attempts: 1 }));
  const handedOver: Promise<void>[] = [];
  list.forEach((n, i) => {
    const error = errors[i];
    if (!error) return;
    // Its own job keeps it among the dead letters, with the receiver's answer.
    if (error instanceof PermanentDeliveryError || deps.delivery.attempts <= 1) {
      handedOver.push(
        handOver(n, jobId, deps, { attemptsBefore: 0, delayMs: 0, refused: error.message }),
      );
      return;
    }
    settled.push({ n, outcome: 'retried', attempts: 1, error: error.message });
    handedOver.push(
      handOver(n, jobId, deps, { attemptsBefore: 1, delayMs: retryDelay(1, deps.delivery) }),
    );
  });
  await Promise.all(handedOver);
  await deps.tally.settle(deps.receiverId, settled);
}

/** Adds the notification's own job, then gives it the notification (in that order: a
 * batch run again after a crash between the two attempts it once more). */
async function handOver(
  n: Notification,
  jobId: string,
  deps: BatchDeps,
  how: { readonly attemptsBefore: number; readonly delayMs: number; readonly refused?: string },
): Promise<void> {
  await deps.queue.handOver(n, jobId, how);
  await deps.claims.assign([n.id], handOverJobId(n.id));
}
