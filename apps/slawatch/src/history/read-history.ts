import { loadServiceConfig } from '@slawatch/config';
import { parseNdjson, validateEvent, type AcceptedEvent } from '@slawatch/core';
import { createKafka } from '@slawatch/kafka';
import { createLogger } from '@slawatch/telemetry';
import { CliError } from '../cli-error.js';
import { readInputFile } from '../read-input-file.js';
import { readTopicHistory } from '../runtime/read-topic-history.js';
import { replayWithProgress } from '../runtime/replay-with-progress.js';

/** Every valid event of a history, by ticket: what `backtest` and `report` fold. */
export interface History {
  readonly byTicket: Map<string, AcceptedEvent[]>;
  readonly rejected: number;
  /** The latest event time (-Infinity without events). */
  readonly latest: number;
}

function tooMany(maxEvents: number): CliError {
  return new CliError(
    `the history holds more than ${maxEvents} events (--max-events): narrow it or raise the limit`,
    1,
  );
}

/** An NDJSON file of events (`-`: standard input), validated; invalid lines counted. */
export async function historyFromFile(path: string, maxEvents: number): Promise<History> {
  const inputs = parseNdjson(await readInputFile(path, 'events file'));
  if (inputs.length > maxEvents) throw tooMany(maxEvents);
  const byTicket = new Map<string, AcceptedEvent[]>();
  let rejected = 0;
  let latest = -Infinity;
  inputs.forEach((input, seq) => {
    const r = 'value' in input ? validateEvent(input.value) : null;
    if (!r?.ok) {
      rejected++;
      return;
    }
    const list = byTicket.get(r.event.subject) ?? [];
    list.push({ event: r.event, time: r.time, seq });
    byTicket.set(r.event.subject, list);
    latest = Math.max(latest, r.time);
  });
  return { byTicket, rejected, latest };
}

/**
 * The events topic (SLAWATCH_KAFKA_BROKERS, SLAWATCH_TOPIC), read whole with the tracker's
 * validation in a consumer group of its own named after `purpose` that commits nothing,
 * with a progress bar on standard error.
 */
export async function historyFromTopic(purpose: string, maxEvents: number): Promise<History> {
  const loaded = loadServiceConfig(process.env);
  if (!loaded.ok) throw new CliError(loaded.message);
  const config = loaded.config;
  const log = createLogger(`slawatch-${purpose}`, config.SLAWATCH_LOG_LEVEL);
  const history = await replayWithProgress(
    (onProgress) =>
      readTopicHistory({
        kafka: createKafka(config.SLAWATCH_KAFKA_BROKERS, `slawatch-${purpose}`, log),
        topic: config.SLAWATCH_TOPIC,
        groupId: config.SLAWATCH_GROUP_ID,
        purpose,
        maxEventBytes: config.SLAWATCH_MAX_EVENT_BYTES,
        maxFutureMs: config.SLAWATCH_MAX_EVENT_FUTURE,
        maxEvents,
        onProgress,
      }),
    'messages read',
    `reading ${config.SLAWATCH_TOPIC} failed`,
  );
  if (history === 'too-large') throw tooMany(maxEvents);
  return history;
}
