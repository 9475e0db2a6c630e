import type { AcceptedEvent } from '@slawatch/core';
import { replayTopic, type ReplayOptions } from './replay-topic.js';

/** Every valid event of the events topic by ticket, as backtests fold them. */
export interface TopicHistory {
  readonly byTicket: Map<string, AcceptedEvent[]>;
  readonly rejected: number;
  readonly events: number;
  /** The latest event time (-Infinity without events). */
  readonly latest: number;
}

export type TopicHistoryOptions = Omit<ReplayOptions, 'apply' | 'from'> & {
  /** Past this many valid events nothing more is held, and the answer is `too-large`. */
  readonly maxEvents: number;
};

/**
 * Reads the whole events topic into memory by ticket (`slawatch backtest`, the gateway's
 * backtest jobs). Past `maxEvents` the read stops (nothing more is held) and the answer is
 * `too-large`.
 */
export async function readTopicHistory(
  options: TopicHistoryOptions,
): Promise<TopicHistory | 'too-large'> {
  const byTicket = new Map<string, AcceptedEvent[]>();
  let events = 0;
  let latest = -Infinity;
  const full = new AbortController();
  const signal =
    options.signal === undefined ? full.signal : AbortSignal.any([options.signal, full.signal]);
  try {
    const summary = await replayTopic({
      ...options,
      signal,
      from: null,
      apply: (batch) => {
        for (const [ticketId, list] of batch) {
          events += list.length;
          // Stopped rather than thrown: a throw in a batch would have kafkajs retry it.
          if (events > options.maxEvents) {
            full.abort(new Error('too large'));
            break;
          }
          for (const e of list) latest = Math.max(latest, e.time);
          const held = byTicket.get(ticketId);
          if (held) held.push(...list);
          else byTicket.set(ticketId, list);
        }
        return Promise.resolve();
      },
    });
    return { byTicket, rejected: summary.invalid, events, latest };
  } catch (error) {
    if (full.signal.aborted && options.signal?.aborted !== true) return 'too-large';
    throw error;
  }
}
