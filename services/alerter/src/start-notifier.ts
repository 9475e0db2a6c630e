import type { ServiceConfig } from '@slawatch/config';
import type { Keys, RedisClient, UpdateDeps } from '@slawatch/store';
import type { ServiceContext } from '@slawatch/telemetry';
import { createNotifier } from './delivery/notifier.js';
import { deliveryPolicy } from './delivery-policy.js';

/** What the process shares with the notifier; it adds the readiness check `notifier`. */
export interface NotifierContext extends ServiceContext {
  readonly redis: RedisClient;
  readonly keys: Keys;
  /** Whether notifications are queued (receivers configured), and the alerting settings. */
  readonly update: Pick<UpdateDeps, 'policies' | 'notifications'>;
}

/** How often a notifier checks that each receiver's worker still runs. */
const SUPERVISE_MS = 5_000;

/**
 * Starts the notifier of a validated configuration: the receivers' BullMQ workers, which
 * deliver what the tracker and the alerters queue. In `run alerter` (by default) or in a
 * process of its own (`run notifier`), so that a burst of breaches is delivered on a core
 * that is not also checking the timers. A receiver's worker that stops running fails the
 * readiness check `notifier` and makes the process give up (`onFatal`): its supervisor
 * starts a fresh one, rather than the deliveries stopping unseen. With no receivers in
 * the policies there is nothing to deliver: it says so and waits.
 */
export async function startNotifier(
  config: ServiceConfig,
  shared: NotifierContext,
): Promise<{ stop(): Promise<void> }> {
  if (!shared.update.notifications) {
    shared.log.info('no receivers in the policies: nothing to deliver');
    return { stop: () => Promise.resolve() };
  }
  const notifier = createNotifier({
    redis: shared.redis,
    keys: shared.keys,
    settings: shared.update.policies.alerting,
    delivery: deliveryPolicy(config),
    env: process.env,
    log: shared.log,
    registry: shared.registry,
  });
  await notifier.start();
  shared.readiness.push({ name: 'notifier', check: () => notifier.checkRunning() });
  let stopping = false;
  const supervisor = setInterval(() => {
    notifier.checkRunning().catch((error: Error) => {
      if (stopping) return;
      clearInterval(supervisor);
      shared.onFatal?.(error);
    });
  }, SUPERVISE_MS);
  supervisor.unref();
  return {
    async stop() {
      stopping = true;
      clearInterval(supervisor);
      await notifier.stop();
    },
  };
}
