import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import { callVariadic } from '../scripts.js';
import { MetricIncrements } from './metric-increments.js';

/** Changes to one sorted set of tickets behind a count (drill-down): member to score, -1 to remove. */
export type SetWrite = Map<string, number>;

/** One lane's part of a round: strings to compare-and-set, increments, and what they are for. */
export interface LaneWrite<T> {
  readonly strings: { key: string; read: string | null; value: string; ttlMs: number }[];
  readonly increments: MetricIncrements;
  readonly sets: Map<string, SetWrite>;
  readonly items: T[];
}

/** The round's write for `lane`, made on first use. */
export function laneWrite<T>(lanes: Map<number, LaneWrite<T>>, lane: number, keys: Keys) {
  let write = lanes.get(lane);
  if (!write) {
    const increments = new MetricIncrements(keys);
    lanes.set(lane, (write = { strings: [], increments, sets: new Map(), items: [] }));
  }
  return write;
}

/** The changes of the sorted set `key` in a lane's write, made on first use. */
export function setWrite(write: LaneWrite<unknown>, key: string): SetWrite {
  let set = write.sets.get(key);
  if (!set) write.sets.set(key, (set = new Map<string, number>()));
  return set;
}

/**
 * Writes each lane's strings, increments and sets in one script call (lua/apply-metrics-3.lua),
 * the lanes in parallel; returns the items of the lanes where a string changed since it was
 * read (nothing of those lanes was written).
 */
export async function writeLanes<T>(
  redis: RedisClient,
  lanes: ReadonlyMap<number, LaneWrite<T>>,
): Promise<T[]> {
  const results = await Promise.all(
    [...lanes.values()].map(async (w) => ((await writeLane(redis, w)) ? [] : w.items)),
  );
  return results.flat();
}

async function writeLane(
  redis: RedisClient,
  { strings, increments, sets }: LaneWrite<unknown>,
): Promise<boolean> {
  // A hash whose changes all cancelled out is not written at all.
  const hashKeys: string[] = [];
  let hashes = '';
  for (const [key, { expireAt, fields }] of increments.hashes) {
    const json = increments.hashJson(expireAt, fields);
    if (json === '') continue;
    hashKeys.push(key);
    hashes += hashes === '' ? json : `,${json}`;
  }
  const zsets = [...sets].filter(([, set]) => set.size > 0);
  if (strings.length === 0 && hashKeys.length === 0 && zsets.length === 0) return true;
  // Keys first, then arguments, in one array: ioredis flattens it (a spread of this many
  // arguments would overflow the stack).
  const all: (string | number | Buffer)[] = strings.map((w) => w.key);
  for (const key of hashKeys) all.push(key);
  for (const [key] of zsets) all.push(key);
  all.push(strings.length, hashKeys.length);
  for (const w of strings) all.push(w.read ?? '', w.value, w.ttlMs);
  // Every hash in one argument (lua/apply-metrics-3.lua), as bytes: ioredis then copies
  // it into the command, where a string was joined into the command's text and encoded
  // again on the way to the socket, a fifth of the tracker's allocation (issue 18).
  all.push(Buffer.from(`[${hashes}]`));
  for (const [, set] of zsets) all.push(JSON.stringify(Object.fromEntries(set)));
  const conflicts = await callVariadic(
    redis,
    'applyMetricsV3',
    strings.length + hashKeys.length + zsets.length,
    all,
  );
  return conflicts.length === 0;
}
