/** The topics of one benchmark run: `<name>-events-<run>` and its dead letters and alerts. */
export function runTopics(name: string, run: string) {
  return {
    events: `${name}-events-${run}`,
    dlq: `${name}-dlq-${run}`,
    alerts: `${name}-alerts-${run}`,
  } as const;
}

/**
 * The environment the benchmarks give `slawatch run <service>` processes: the private
 * broker and Redis, the run's own topics, consumer group and key prefix (so that runs
 * never meet), loopback only, and logs at info (the benchmarks wait for the services'
 * ready lines, which are logged at info). Each benchmark adds its own settings.
 */
export function serviceEnv(options: {
  readonly name: string;
  readonly run: string;
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  readonly policies: string;
}): Record<string, string> {
  const topics = runTopics(options.name, options.run);
  return {
    SLAWATCH_KAFKA_BROKERS: options.brokers.join(','),
    SLAWATCH_REDIS_URL: options.redisUrl,
    SLAWATCH_POLICIES: options.policies,
    SLAWATCH_TOPIC: topics.events,
    SLAWATCH_DLQ_TOPIC: topics.dlq,
    SLAWATCH_ALERTS_TOPIC: topics.alerts,
    SLAWATCH_GROUP_ID: `${options.name}-${options.run}`,
    SLAWATCH_KEY_PREFIX: `${options.name}-${options.run}`,
    SLAWATCH_HTTP_HOST: '127.0.0.1',
    SLAWATCH_LOG_LEVEL: 'info',
  };
}
