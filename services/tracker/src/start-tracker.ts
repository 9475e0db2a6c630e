import type { ServiceConfig } from '@slawatch/config';
import type { ServiceContext } from '@slawatch/telemetry';
import { createTracker, type TrackerOptions } from './tracker.js';

/** What the process shares with the tracker; it adds the readiness check `tracker`. */
export interface TrackerContext extends ServiceContext, Pick<TrackerOptions, 'kafka' | 'update'> {}

/**
 * Starts the tracker of a validated configuration: it consumes the events topic and
 * folds each batch through the shared store adapters. `log` is the service's own logger.
 */
export async function startTracker(
  config: ServiceConfig,
  shared: TrackerContext,
): Promise<{ stop(): Promise<void> }> {
  const tracker = createTracker({
    kafka: shared.kafka,
    topic: config.SLAWATCH_TOPIC,
    dlqTopic: config.SLAWATCH_DLQ_TOPIC,
    alertsTopic: config.SLAWATCH_ALERTS_TOPIC,
    groupId: config.SLAWATCH_GROUP_ID,
    maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
    maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
    update: shared.update,
    log: shared.log,
    consumerConfig: {
      sessionTimeout: config.SLAWATCH_KAFKA_SESSION_TIMEOUT,
      maxBytesPerPartition: config.SLAWATCH_KAFKA_FETCH_BYTES,
      // Kafka's advice: heartbeats at most a third of the session; a tenth leaves room.
      heartbeatInterval: Math.floor(config.SLAWATCH_KAFKA_SESSION_TIMEOUT / 10),
    },
    registry: shared.registry,
    stallTimeoutMs: config.SLAWATCH_TRACKER_STALL_TIMEOUT,
    maxRestarts: config.SLAWATCH_RESTART_ATTEMPTS,
    onFatal: shared.onFatal,
  });
  shared.readiness.push({ name: 'tracker', check: () => tracker.checkConsuming() });
  await tracker.start();
  return { stop: () => tracker.stop() };
}
