import { readFlags } from './read-flags.js';

/** One count a benchmark takes: its `--flag`, its environment variable, its default. */
export interface NumericFlag {
  readonly flag: string;
  readonly env: string;
  readonly default: number;
}

/** The usage text listing every flag with its variable and default. */
export const numericUsage = (script: string, spec: Record<string, NumericFlag>): string =>
  `usage: npm run ${script} -- [--name=value ...]
${Object.values(spec)
  .map((s) => `  --${s.flag}=N (or ${s.env}, default ${s.default})`)
  .join('\n')}`;

/**
 * Reads `--name=value` flags, then environment variables, then the defaults; each must be
 * a positive number. Anything else is an error, so a typo never silently runs the defaults.
 */
export function readNumericFlags<K extends string>(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  spec: Record<K, NumericFlag>,
  usage: string,
): Record<K, number> {
  const specs = Object.entries(spec) as [K, NumericFlag][];
  const flags = readFlags(
    argv,
    specs.map(([, s]) => s.flag),
    usage,
  );
  const out = {} as Record<K, number>;
  for (const [key, s] of specs) {
    const text = flags.get(s.flag) ?? env[s.env];
    if (text === undefined || text === '') {
      out[key] = s.default;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${s.flag} (${s.env}) must be a positive number, not "${text}"`);
    out[key] = value;
  }
  return out;
}
