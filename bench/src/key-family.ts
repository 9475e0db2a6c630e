/**
 * The family of a Redis key (or pub/sub channel) under `prefix`, as packages/store/src/keys.ts
 * builds them, for the key census of `bench:scale`. Lane tags (`{<prefix>:m<i>.<n>}`) and the
 * one-lane tag (`{<prefix>:m}`) alike; anything else under the prefix is "other".
 */
export function keyFamily(key: string, prefix: string): string {
  const p = escape(prefix);
  for (const [family, pattern] of families(p)) if (pattern.test(key)) return family;
  return key.includes(prefix) ? 'other (slawatch)' : 'other';
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cache = new Map<string, readonly (readonly [string, RegExp])[]>();

function families(p: string): readonly (readonly [string, RegExp])[] {
  const known = cache.get(p);
  if (known) return known;
  // Most specific first: `{<prefix>:m}:s:v:` before `{<prefix>:m}:s`.
  const lane = `\\{${p}:m(?:\\d+\\.\\d+)?\\}`;
  const list = [
    ['ticket records `:t:{id}`', new RegExp(`^${p}:t:\\{`)],
    ['contributions `:c:`', new RegExp(`^${lane}:c:`)],
    ['minute buckets `:m:`', new RegExp(`^${lane}:m:`)],
    ['hour buckets `:h:`', new RegExp(`^${lane}:h:`)],
    ['gauges `:g:`', new RegExp(`^${lane}:g:`)],
    ['contact lists `:q:`', new RegExp(`^${lane}:q:`)],
    ['drill-down ticket sets `:x:`', new RegExp(`^${lane}:x:`)],
    ['admitted values `{…:m}:s:v:`', new RegExp(`^\\{${p}:m\\}:s:v:`)],
    ['SLA series `:s`', new RegExp(`^${lane}:s$`)],
    ['due sets `:due`', new RegExp(`^(?:${lane}|\\{${p}:q\\}):due$`)],
    ['wake-up queue (BullMQ) `{…:q}`', new RegExp(`^\\{${p}:q\\}`)],
    ['notifications `{…:n}`', new RegExp(`^\\{${p}:n\\}`)],
    ['at-risk list', new RegExp(`^${p}:at-risk$`)],
    ['paused at-risk list', new RegExp(`^${p}:at-risk-paused$`)],
    ['breach list', new RegExp(`^${p}:breaches$`)],
    ['live deltas (PUBLISH)', new RegExp(`^${p}:deltas$`)],
    ['tokens', new RegExp(`^${p}:tokens$`)],
    ['exporter lease', new RegExp(`^${p}:exporter$`)],
    ['metric lane count', new RegExp(`^${p}:metric-lanes$`)],
  ] as const;
  cache.set(p, list);
  return list;
}
