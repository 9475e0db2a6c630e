import { readFlags } from './read-flags.js';

/** What `bench:wallboard` runs with. */
export interface WallboardOptions {
  /** Paced phase: tickets created one at a time, each awaited on the page. */
  readonly events: number;
  /** Paced phase: least time from one send to the next. */
  readonly intervalMs: number;
  /** Burst phase: tickets created per second, each sent on its own. */
  readonly burstRate: number;
  /** Burst phase: for how long. */
  readonly burstSeconds: number;
}

const SPEC: Record<keyof WallboardOptions, { flag: string; default: number }> = {
  events: { flag: 'events', default: 200 },
  intervalMs: { flag: 'interval-ms', default: 250 },
  burstRate: { flag: 'burst-rate', default: 20 },
  burstSeconds: { flag: 'burst-seconds', default: 10 },
};

export const USAGE = `usage: npm run bench:wallboard -- [--name=value ...]
${Object.values(SPEC)
  .map((s) => `  --${s.flag}=N (default ${s.default}; 0 skips that phase)`)
  .join('\n')}`;

/** Reads `--name=value` flags over the defaults; anything else is an error. */
export function readWallboardOptions(argv: readonly string[]): WallboardOptions {
  const flags = readFlags(
    argv,
    Object.values(SPEC).map((s) => s.flag),
    USAGE,
  );
  const read = (key: keyof WallboardOptions): number => {
    const spec = SPEC[key];
    const text = flags.get(spec.flag);
    if (text === undefined) return spec.default;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${spec.flag} must be a whole number >= 0, not "${text}"`);
    return value;
  };
  return {
    events: read('events'),
    intervalMs: read('intervalMs'),
    burstRate: read('burstRate'),
    burstSeconds: read('burstSeconds'),
  };
}
