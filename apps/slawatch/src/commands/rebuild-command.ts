import type { Command } from 'commander';
import {
  loadServiceConfig,
  loadPolicyFile,
  redisSetting,
  redisTarget,
  type ServiceConfig,
} from '@slawatch/config';
import { parseInstant } from '@slawatch/core';
import { createKafka } from '@slawatch/kafka';
import {
  resolveMetricLanes,
  createKeys,
  createRedisClient,
  createStoreAdapters,
  updateTickets,
  type StoreAdapters,
} from '@slawatch/store';
import { createLogger } from '@slawatch/telemetry';
import { CliError } from '../cli-error.js';
import { replayWithProgress } from '../runtime/replay-with-progress.js';
import { replayTopic } from '../runtime/replay-topic.js';

/** `slawatch rebuild`: the Redis state rebuilt from the events topic. */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description(
      'rebuild the tickets, timers, lists and metrics in Redis by replaying the events topic (configured by SLAWATCH_* environment variables)',
    )
    .option(
      '--from <time>',
      'replay only messages written to the topic at or after this RFC 3339 time (default: from the beginning)',
    )
    .addHelpText(
      'after',
      '\nThe replay reads in a consumer group of its own and commits nothing, so running\n' +
        "trackers keep their partitions and offsets. It folds through the tracker's own\n" +
        'code, idempotently: replaying into a store that already holds some of the events\n' +
        'changes nothing for those. It stops at the end the topic had when it started.\n' +
        'It announces nothing: transitions found while replaying are recorded but not\n' +
        'produced to the alerts topic or sent to receivers again; timers are set, so the\n' +
        'crossings still ahead are alerted as usual. Progress goes to standard error, the\n' +
        'summary to standard output.\n' +
        'Exit codes: 0 rebuilt, 1 Kafka or Redis failing, 2 invalid option or configuration.',
    )
    .action(async (raw: { from?: string }) => {
      let from: number | null = null;
      if (raw.from !== undefined) {
        from = parseInstant(raw.from);
        if (from === null)
          throw new CliError(
            `--from: must be an RFC 3339 time such as 2026-11-23T09:00:00Z, got "${raw.from}"`,
          );
      }
      const loaded = loadServiceConfig(process.env);
      if (!loaded.ok) throw new CliError(loaded.message);
      await rebuild(loaded.config, from);
    });
}

async function rebuild(config: ServiceConfig, from: number | null): Promise<void> {
  const started = performance.now();
  const log = createLogger('slawatch-rebuild', config.SLAWATCH_LOG_LEVEL);
  const { policySet } = await loadPolicyFile(config.SLAWATCH_POLICIES);
  const redis = createRedisClient(redisTarget(config));
  let adapters: StoreAdapters | null = null;
  try {
    try {
      await redis.connect();
    } catch (error) {
      throw new CliError(
        `cannot connect to Redis at ${redisSetting(config)}: ${(error as Error).message}`,
        1,
      );
    }
    const prefix = config.SLAWATCH_KEY_PREFIX;
    const lanes = await resolveMetricLanes(redis, prefix, config.SLAWATCH_METRIC_LANES);
    if ('problem' in lanes) throw new CliError(lanes.problem);
    adapters = createStoreAdapters(redis, createKeys(prefix, lanes.lanes), policySet, {
      retentionMs: config.SLAWATCH_RETENTION,
      minReplicas: config.SLAWATCH_REDIS_MIN_REPLICAS,
      replicaTimeoutMs: config.SLAWATCH_REDIS_REPLICA_TIMEOUT,
      notify: false,
    });
    const deps = { ...adapters, announce: () => Promise.resolve() };
    const summary = await replayWithProgress(
      (onProgress) =>
        replayTopic({
          onProgress,
          kafka: createKafka(config.SLAWATCH_KAFKA_BROKERS, 'slawatch-rebuild', log),
          topic: config.SLAWATCH_TOPIC,
          groupId: config.SLAWATCH_GROUP_ID,
          purpose: 'rebuild',
          from,
          maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
          maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
          // Silent: what the replay finds was announced (and delivered) the first time.
          apply: async (byTicket) => {
            await updateTickets(deps, byTicket, Date.now());
          },
        }),
      'messages',
      'rebuild failed',
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `rebuilt ${summary.tickets} tickets from ${summary.events} events ` +
        `(${summary.messages} messages on ${summary.partitions} partitions of ${config.SLAWATCH_TOPIC}` +
        `${from === null ? '' : `; ${summary.earlier} written before ${new Date(from).toISOString()} skipped`}, ` +
        `${summary.invalid} invalid skipped) in ${seconds} s\n`,
    );
  } finally {
    await adapters?.close();
    redis.disconnect();
  }
}
