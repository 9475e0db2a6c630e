import type { ServiceConfig } from '@slawatch/config';
import { DigestLedger, type Keys } from '@slawatch/store';
import type { ServiceContext } from '@slawatch/telemetry';
import { createAlerter, type AlerterOptions } from './alerter.js';
import { ForecastAlerts } from './forecast-alerts.js';
import { ScheduledDigests } from './scheduled-digests.js';
import { startNotifier } from './start-notifier.js';

/** What the process shares with the alerter; it adds the readiness check `worker`. */
export interface AlerterContext
  extends ServiceContext, Pick<AlerterOptions, 'kafka' | 'redis' | 'update'> {
  readonly keys: Keys;
}

/**
 * Starts the alerter of a validated configuration: the timer worker, and the notifier
 * when the store adapters queue notifications (receivers configured), unless `deliver`
 * is false (`SLAWATCH_ALERTER_DELIVERS=false`, or a notifier in the same process).
 * `log` is the service's own logger. Stopping stops the notifier first, then the worker.
 */
export async function startAlerter(
  config: ServiceConfig,
  shared: AlerterContext,
  deliver = config.SLAWATCH_ALERTER_DELIVERS,
): Promise<{ stop(): Promise<void> }> {
  const alerter = createAlerter({
    kafka: shared.kafka,
    alertsTopic: config.SLAWATCH_ALERTS_TOPIC,
    redis: shared.redis,
    queuePrefix: shared.keys.queuePrefix,
    batchSize: config.SLAWATCH_ALERTER_BATCH,
    update: shared.update,
    log: shared.log,
    registry: shared.registry,
    countDueTimers: true,
    maxRestarts: config.SLAWATCH_RESTART_ATTEMPTS,
    onFatal: shared.onFatal,
  });
  shared.readiness.push({ name: 'worker', check: () => alerter.checkRunning() });
  await alerter.start();
  // With `alerting.forecast` and receivers: a round each minute (docs/alerts.md).
  const forecasts = new ForecastAlerts({
    redis: shared.redis,
    key: shared.keys.forecastAlerts,
    update: shared.update,
    scanLimit: config.SLAWATCH_LIST_SCAN_LIMIT,
    log: shared.log.child({ part: 'forecast' }),
    registry: shared.registry,
  });
  if (forecasts.enabled) {
    shared.readiness.push({ name: 'forecast', check: () => forecasts.checkRunning() });
    forecasts.start();
  }
  // With `alerting.digests`: the schedules are looked at each minute (docs/alerts.md).
  const digests = new ScheduledDigests({
    ledger: new DigestLedger(shared.redis, shared.keys),
    metrics: shared.update.metrics,
    policies: shared.update.policies,
    ...(shared.update.notifications ? { notifications: shared.update.notifications } : {}),
    publicUrl: config.SLAWATCH_PUBLIC_URL,
    log: shared.log.child({ part: 'digests' }),
    registry: shared.registry,
  });
  if (digests.enabled) {
    shared.readiness.push({ name: 'digests', check: () => digests.checkRunning() });
    digests.start();
  }
  const stopAlerter = async () => {
    await digests.stop();
    await forecasts.stop();
    await alerter.stop();
  };
  if (!shared.update.notifications || !deliver) return { stop: stopAlerter };
  // The alerter also delivers the notifications (architecture: BullMQ workers).
  let notifier: { stop(): Promise<void> };
  try {
    notifier = await startNotifier(config, {
      ...shared,
      log: shared.log.child({ part: 'notifier' }),
    });
  } catch (error) {
    await stopAlerter().catch(() => undefined);
    throw error;
  }
  return {
    async stop() {
      await notifier.stop();
      await stopAlerter();
    },
  };
}
