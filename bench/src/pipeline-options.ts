import { numericUsage, readNumericFlags, type NumericFlag } from './numeric-flags.js';

/** The counts `bench:pipeline` runs with; every one can be set by a flag or a variable. */
export interface PipelineOptions {
  /** Ticket events replayed in the catch-up measurement. */
  readonly events: number;
  readonly eventsPerTicket: number;
  /** Bytes produced per round of the catch-up measurement (see catch-up-throughput.ts). */
  readonly chunkBytes: number;
  /** Bytes per producer.send of the catch-up history, over 4 partitions (see catch-up-throughput.ts). */
  readonly sendBytes: number;
  /** Tickets whose first-response deadlines all fall in one second. */
  readonly deadlines: number;
  /** Their first-response target, in whole seconds: the deadlines fall 2 s less after
   * the events are produced (see breach-lateness.ts). */
  readonly targetSeconds: number;
  readonly alerterBatch: number;
  /** Open tickets tracked for the Redis memory measurement, and events each. */
  readonly openTickets: number;
  readonly openTicketEvents: number;
}

const SPEC: Record<keyof PipelineOptions, NumericFlag> = {
  events: { flag: 'events', env: 'BENCH_EVENTS', default: 200_000 },
  eventsPerTicket: { flag: 'per-ticket', env: 'BENCH_PER_TICKET', default: 10 },
  chunkBytes: { flag: 'chunk-mb', env: 'BENCH_CHUNK_MB', default: 12 },
  sendBytes: { flag: 'send-kb', env: 'BENCH_SEND_KB', default: 7_168 },
  deadlines: { flag: 'deadlines', env: 'BENCH_DEADLINES', default: 5_000 },
  targetSeconds: { flag: 'target', env: 'BENCH_TARGET_SECONDS', default: 5 },
  alerterBatch: { flag: 'batch', env: 'BENCH_ALERTER_BATCH', default: 500 },
  openTickets: { flag: 'open', env: 'BENCH_OPEN_TICKETS', default: 10_000 },
  openTicketEvents: { flag: 'open-events', env: 'BENCH_OPEN_EVENTS', default: 4 },
};

export const USAGE = numericUsage('bench:pipeline', SPEC);

/**
 * Reads `--name=value` flags, then environment variables, then the defaults (sized to
 * finish in about two minutes on the 2-core reference machine). Anything else is an error,
 * so a typo never silently runs the defaults.
 */
export function readPipelineOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): PipelineOptions {
  const values = readNumericFlags(argv, env, SPEC, USAGE);
  const read = (key: keyof PipelineOptions): number => values[key];
  return {
    events: Math.round(read('events')),
    eventsPerTicket: Math.round(read('eventsPerTicket')),
    chunkBytes: Math.round(read('chunkBytes') * 1_048_576),
    sendBytes: Math.round(read('sendBytes') * 1_024),
    deadlines: Math.round(read('deadlines')),
    targetSeconds: Math.max(3, Math.round(read('targetSeconds'))),
    alerterBatch: Math.round(read('alerterBatch')),
    openTickets: Math.round(read('openTickets')),
    openTicketEvents: Math.max(1, Math.round(read('openTicketEvents'))),
  };
}
