/**
 * A benchmark's `--name=value` arguments, by name. Anything else, or a name not in `known`,
 * is an error showing `usage`: a typo must never silently run the defaults.
 */
export function readFlags(
  argv: readonly string[],
  known: Iterable<string>,
  usage: string,
): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (!match?.[1] || match[2] === undefined) throw new Error(`unknown argument ${arg}\n${usage}`);
    flags.set(match[1], match[2]);
  }
  const names = new Set(known);
  for (const name of flags.keys())
    if (!names.has(name)) throw new Error(`unknown option --${name}\n${usage}`);
  return flags;
}
