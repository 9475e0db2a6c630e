import { BUCKET_DIMENSIONS } from '@slawatch/core';

const ALL = BUCKET_DIMENSIONS.indexOf('all');
const PAIRS = BUCKET_DIMENSIONS.indexOf('teamAssignee');

/**
 * How many hashes one hour of a dimension is cut into, by a hash of the value. An hour
 * holds each value's counters and histogram bins (300-550 fields a value at 100,000
 * tickets a day), so a whole dimension's hour was a hash of 1,000-11,000 fields: past
 * Redis' `hash-max-listpack-entries`, a hash table at about 80 B a field where a listpack
 * takes about 20. Cut into shards of a few values each, most hours are listpacks: the
 * per-hour buckets fell to about a third (bench/RESULTS.md, bench:metrics, issue 18).
 * `all` has one value; the team-and-agent pairs have hundreds, hence more shards.
 * Minute buckets hold a few hundred fields and stay whole.
 */
export function hourShards(dimension: number): number {
  if (dimension === ALL) return 1;
  return dimension === PAIRS ? 32 : 8;
}

/**
 * The shard of `value` among `shards` (FNV-1a of its UTF-16 code units): stable across
 * processes and versions, since every writer and reader must agree on it. Shard 0's key is
 * the whole hour's key of the versions before shards (keys.bucket), so a reader summing
 * every shard also counts what those versions wrote.
 */
export function shardOf(value: string, shards: number): number {
  if (shards === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
