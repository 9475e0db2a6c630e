import { numericUsage, readNumericFlags, type NumericFlag } from './numeric-flags.js';

/** What `bench:live` runs with; every one can be set by a flag or a variable. */
export interface LiveOptions {
  /** The rates (events/s) stepped through, in order; stepping stops at the first not held. */
  readonly rates: readonly number[];
  /** How long each rate is produced. */
  readonly stepSeconds: number;
  /** The last part of a step that is judged: the lag must be flat over it. */
  readonly windowSeconds: number;
  /** How often the tracker's /metrics and the CPU meters are read. */
  readonly sampleSeconds: number;
  /** Tickets open at once in the live traffic (see live-events.ts). */
  readonly openTickets: number;
  /** The producer sends at most once per this many ms (see live-producer.ts). */
  readonly batchMs: number;
  /** Closed tickets leave Redis after this many minutes (SLAWATCH_RETENTION). */
  readonly retentionMinutes: number;
  readonly seed: number;
}

const RATES_ENV = 'BENCH_LIVE_RATES';
const DEFAULT_RATES = [500, 1000, 1500, 2000, 3000, 4000, 6000, 8000];

const SPEC: Record<Exclude<keyof LiveOptions, 'rates'>, NumericFlag> = {
  stepSeconds: { flag: 'step-seconds', env: 'BENCH_LIVE_STEP_SECONDS', default: 80 },
  windowSeconds: { flag: 'window-seconds', env: 'BENCH_LIVE_WINDOW_SECONDS', default: 60 },
  sampleSeconds: { flag: 'sample-seconds', env: 'BENCH_LIVE_SAMPLE_SECONDS', default: 5 },
  openTickets: { flag: 'open-tickets', env: 'BENCH_LIVE_OPEN_TICKETS', default: 5_000 },
  batchMs: { flag: 'batch-ms', env: 'BENCH_LIVE_BATCH_MS', default: 100 },
  retentionMinutes: { flag: 'retention-minutes', env: 'BENCH_LIVE_RETENTION_MINUTES', default: 5 },
  seed: { flag: 'seed', env: 'BENCH_LIVE_SEED', default: 18 },
};

export const USAGE = `${numericUsage('bench:live', SPEC)}
  --rates=R1,R2,... (or ${RATES_ENV}, default ${DEFAULT_RATES.join(',')}): events/s, one step each`;

/**
 * Reads `--name=value` flags, then environment variables, then the defaults (the default
 * steps take at most 8 x 80 s). Anything else is an error, so a typo never silently runs
 * the defaults.
 */
export function readLiveOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): LiveOptions {
  const ratesFlag = argv.find((arg) => arg.startsWith('--rates='));
  const values = readNumericFlags(
    argv.filter((arg) => arg !== ratesFlag),
    env,
    SPEC,
    USAGE,
  );
  const ratesText = ratesFlag?.slice('--rates='.length) ?? env[RATES_ENV];
  const rates = ratesText ? ratesText.split(',').map(Number) : DEFAULT_RATES;
  if (rates.length === 0 || rates.some((r) => !Number.isFinite(r) || r <= 0))
    throw new Error(
      `--rates (${RATES_ENV}) must be positive numbers, not "${ratesText}"\n${USAGE}`,
    );
  if (values.windowSeconds > values.stepSeconds)
    throw new Error(
      `--window-seconds (${values.windowSeconds}) must not exceed --step-seconds (${values.stepSeconds})\n${USAGE}`,
    );
  return {
    rates,
    stepSeconds: values.stepSeconds,
    windowSeconds: values.windowSeconds,
    sampleSeconds: values.sampleSeconds,
    openTickets: Math.round(values.openTickets),
    batchMs: values.batchMs,
    retentionMinutes: values.retentionMinutes,
    seed: Math.round(values.seed),
  };
}
