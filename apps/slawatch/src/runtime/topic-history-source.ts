import type { ServiceConfig } from '@slawatch/config';
import type { HistorySource } from '@slawatch/gateway';
import type { createKafka } from '@slawatch/kafka';
import { readTopicHistory } from './read-topic-history.js';

/**
 * The gateway's backtests read the events topic as `slawatch backtest` does: the whole
 * topic, with the tracker's own validation, in a consumer group of their own that commits
 * nothing (the live trackers' group is untouched).
 */
export const topicHistorySource = (
  kafka: ReturnType<typeof createKafka>,
  config: ServiceConfig,
): HistorySource => ({
  read: (options) =>
    readTopicHistory({
      kafka,
      topic: config.SLAWATCH_TOPIC,
      groupId: config.SLAWATCH_GROUP_ID,
      purpose: 'backtest',
      maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
      maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
      maxEvents: options.maxEvents,
      signal: options.signal,
      onProgress: (p) => options.onProgress(p.done, p.total),
    }),
});
