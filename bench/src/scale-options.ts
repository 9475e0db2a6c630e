import { numericUsage, readNumericFlags, type NumericFlag } from './numeric-flags.js';

/** What `bench:scale` runs with; every count can be set by a flag or a variable. */
export interface ScaleOptions {
  /** Events each run produces (bench:pipeline's generated week, scale-messages.ts). */
  readonly events: number;
  readonly eventsPerTicket: number;
  /** Most events left uncommitted while producing (paced-producer.ts). */
  readonly maxLag: number;
  /** How long the census MONITORs the masters, in the 1-tracker cluster run. */
  readonly censusMs: number;
  /** Partitions of each run's topic. */
  readonly partitions: number;
  /** Masters of the cluster (each with one replica). */
  readonly masters: number;
}

const SPEC: Record<keyof ScaleOptions, NumericFlag> = {
  events: { flag: 'events', env: 'BENCH_EVENTS', default: 150_000 },
  eventsPerTicket: { flag: 'per-ticket', env: 'BENCH_PER_TICKET', default: 10 },
  maxLag: { flag: 'max-lag', env: 'BENCH_MAX_LAG', default: 20_000 },
  censusMs: { flag: 'census-ms', env: 'BENCH_CENSUS_MS', default: 3_000 },
  partitions: { flag: 'partitions', env: 'BENCH_PARTITIONS', default: 6 },
  masters: { flag: 'masters', env: 'BENCH_MASTERS', default: 3 },
};

export const USAGE = numericUsage('bench:scale', SPEC);

/**
 * Reads `--name=value` flags, then environment variables, then the defaults (each run
 * 20-60 s on the 2-core reference machine, the whole benchmark under 10 minutes).
 */
export function readScaleOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ScaleOptions {
  const values = readNumericFlags(argv, env, SPEC, USAGE);
  const read = (key: keyof ScaleOptions): number => Math.round(values[key]);
  const masters = read('masters');
  if (masters < 3) throw new Error('--masters: a Redis Cluster needs 3 or more');
  return {
    events: read('events'),
    eventsPerTicket: read('eventsPerTicket'),
    maxLag: read('maxLag'),
    censusMs: read('censusMs'),
    partitions: read('partitions'),
    masters,
  };
}
