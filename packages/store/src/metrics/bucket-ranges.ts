import type { Redis } from 'ioredis';
import type { Keys } from '../keys.js';

const MINUTE = 60_000;

/** The minutes (epoch minutes, both included) of the window of `windowMs` ending at `now`. */
export const windowMinutes = (windowMs: number, now: number): [number, number] => {
  const last = Math.floor(now / MINUTE);
  return [last - Math.floor(windowMs / MINUTE) + 1, last];
};

/**
 * The buckets of the minutes `first..last` of dimension `d`, read as whole hours where they
 * fit and as minutes at both ends, and the dimension's gauges unless `gauges` is false.
 */
export function rangeKeys(
  keys: Keys,
  first: number,
  last: number,
  d: number,
  gauges = true,
): string[] {
  const firstHour = Math.ceil(first / 60);
  const endHour = Math.floor((last + 1) / 60); // exclusive
  const out: string[] = [];
  if (endHour <= firstHour) {
    for (let m = first; m <= last; m++) out.push(keys.bucket('m', m, d));
  } else {
    for (let m = first; m < firstHour * 60; m++) out.push(keys.bucket('m', m, d));
    for (let h = firstHour; h < endHour; h++) out.push(keys.bucket('h', h, d));
    for (let m = endHour * 60; m <= last; m++) out.push(keys.bucket('m', m, d));
  }
  if (gauges) out.push(keys.gauges(d));
  return out;
}

/**
 * Reads each group of bucket keys in one pipeline and sums each group's counters by
 * dimension value (sorted; `values`, when given, only those, each present even empty).
 */
export async function sumBucketGroups(
  redis: Redis,
  groups: readonly (readonly string[])[],
  values: readonly string[] | undefined,
): Promise<Map<string, Map<string, number>>[]> {
  const pipeline = redis.pipeline();
  for (const key of groups.flat()) pipeline.hgetall(key);
  const replies = (await pipeline.exec()) ?? [];
  const wanted = values ? new Set(values) : null;
  let next = 0;
  return groups.map((group) => {
    const byValue = new Map<string, Map<string, number>>();
    for (const [error, hash] of replies.slice(next, (next += group.length))) {
      if (error) throw error;
      for (const [field, text] of Object.entries(hash as Record<string, string>)) {
        const bar = field.lastIndexOf('|');
        const value = field.slice(0, bar);
        if (wanted && !wanted.has(value)) continue;
        let sums = byValue.get(value);
        if (!sums) byValue.set(value, (sums = new Map<string, number>()));
        const counter = field.slice(bar + 1);
        sums.set(counter, (sums.get(counter) ?? 0) + Number(text));
      }
    }
    for (const value of values ?? []) if (!byValue.has(value)) byValue.set(value, new Map());
    return new Map([...byValue].sort((a, b) => a[0].localeCompare(b[0])));
  });
}
