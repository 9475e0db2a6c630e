import type { MetricsSettings } from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import { hourShards } from './bucket-shards.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Windows up to a day long start on the minute; longer ones on the hour (minuteSpanMs). */
export const MINUTE_EXACT_MS = 24 * HOUR;

/**
 * How far back per-minute buckets are read, and so kept: the longest window of at most a
 * day (its far end is a minute), and at least an hour (the current hour, read by the
 * minute at every window's near end). Keeping them for the whole 7-day window took three
 * fifths of the metric memory (bench/RESULTS.md, issue 18).
 */
export const minuteSpanMs = (settings: MetricsSettings): number =>
  Math.max(HOUR, ...settings.windows.filter((w) => w.ms <= MINUTE_EXACT_MS).map((w) => w.ms));

/**
 * The minutes (epoch minutes, both included) of the window of `windowMs` ending at `now`.
 * A window longer than `minuteSpan` starts at the first whole hour inside it: no minute
 * bucket of its far end is kept, so it is up to 59 minutes short of its length.
 */
export const windowMinutes = (
  windowMs: number,
  now: number,
  minuteSpan: number,
): [number, number] => {
  const last = Math.floor(now / MINUTE);
  const first = last - Math.floor(windowMs / MINUTE) + 1;
  return [windowMs > minuteSpan ? Math.ceil(first / 60) * 60 : first, last];
};

/**
 * The buckets of the minutes `first..last` of dimension `d` in every lane, read as whole
 * hours (every shard of each) where they fit and as minutes at both ends, and the
 * dimension's gauges unless `gauges` is false: summed, they are the window's figures.
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
  const shards = hourShards(d);
  for (let lane = 0; lane < keys.lanes; lane++) {
    if (endHour <= firstHour) {
      for (let m = first; m <= last; m++) out.push(keys.bucket(lane, 'm', m, d));
    } else {
      for (let m = first; m < firstHour * 60; m++) out.push(keys.bucket(lane, 'm', m, d));
      for (let h = firstHour; h < endHour; h++)
        for (let shard = 0; shard < shards; shard++) out.push(keys.bucket(lane, 'h', h, d, shard));
      for (let m = endHour * 60; m <= last; m++) out.push(keys.bucket(lane, 'm', m, d));
    }
    if (gauges) out.push(keys.gauges(lane, d));
  }
  return out;
}

/** HSCAN's COUNT for a filtered read: most hashes are read in one call. */
const SCAN_COUNT = 100_000;

/**
 * A hash's fields whose names match the glob `match`, read with HSCAN: Redis filters them,
 * so a read that wants a few of a hash's values (one team's agents) neither receives nor
 * parses the rest.
 */
async function matchingFields(
  redis: RedisClient,
  key: string,
  match: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(key, cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
    for (let i = 0; i < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
    cursor = next;
  } while (cursor !== '0');
  return out;
}

/** `text` as a glob that matches it literally (Redis' MATCH patterns). */
export const globLiteral = (text: string): string => text.replace(/[\\*?[\]]/g, '\\$&');

/**
 * Reads every group of bucket keys at once (one HGETALL each, or with `match` one HSCAN of
 * the fields matching it, sent together: on a cluster the client sends each node its own
 * in one round trip) and sums each group's counters by dimension value (sorted; `values`,
 * when given, only those, each present even empty; or only the values a `values` function
 * keeps).
 */
export async function sumBucketGroups(
  redis: RedisClient,
  groups: readonly (readonly string[])[],
  values: readonly string[] | ((value: string) => boolean) | undefined,
  match?: string,
): Promise<Map<string, Map<string, number>>[]> {
  const replies = await Promise.all(
    groups
      .flat()
      .map((key) => (match === undefined ? redis.hgetall(key) : matchingFields(redis, key, match))),
  );
  const listed = typeof values === 'function' ? [] : (values ?? []);
  const wanted = new Set(listed);
  const keep = typeof values === 'function' ? values : values ? (v: string) => wanted.has(v) : null;
  let next = 0;
  return groups.map((group) => {
    const byValue = new Map<string, Map<string, number>>();
    for (const hash of replies.slice(next, (next += group.length))) {
      for (const [field, text] of Object.entries(hash)) {
        const bar = field.lastIndexOf('|');
        const value = field.slice(0, bar);
        if (keep && !keep(value)) continue;
        let sums = byValue.get(value);
        if (!sums) byValue.set(value, (sums = new Map<string, number>()));
        const counter = field.slice(bar + 1);
        sums.set(counter, (sums.get(counter) ?? 0) + Number(text));
      }
    }
    for (const value of listed) if (!byValue.has(value)) byValue.set(value, new Map());
    return new Map([...byValue].sort((a, b) => a[0].localeCompare(b[0])));
  });
}

/**
 * The first and last minute of a closed period `[from, to)` the buckets are read over, or a
 * RangeError saying why they cannot be: both ends whole minutes, `to` at most the current
 * minute, a start the buckets still hold exactly (`held`), and whole hours at both ends
 * when it reaches back beyond the per-minute span.
 */
export function periodMinutes(
  { from, to }: { readonly from: number; readonly to: number },
  now: number,
  minuteSpan: number,
  held: boolean,
): [first: number, last: number] {
  const first = from / MINUTE;
  const last = to / MINUTE - 1;
  const fail = (why: string) => {
    throw new RangeError(
      `period ${new Date(from).toISOString()} to ${new Date(to).toISOString()}: ${why}`,
    );
  };
  if (!Number.isInteger(first) || !Number.isInteger(last)) fail('ends must be whole minutes');
  if (last < first) fail('it ends before it starts');
  if (last > Math.floor(now / MINUTE)) fail('it ends after the current minute');
  if (!held) fail('it starts before the buckets kept');
  const minutesFrom = Math.floor((now - minuteSpan) / MINUTE);
  if (first < minutesFrom && (first % 60 !== 0 || (last + 1) % 60 !== 0))
    fail('beyond the per-minute span its ends must be whole hours');
  return [first, last];
}
