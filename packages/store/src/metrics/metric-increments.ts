import { BUCKET_DIMENSIONS } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { hourShards, shardOf } from './bucket-shards.js';

/** More than any dimension's hour shards: a bucket's number in a batch's cache. */
const MAX_SHARDS = 64;

/** A counter's change in a batch; 0 when its changes cancelled out (not sent). */
export interface Counter {
  n: number;
}

/**
 * A hash's increments: field to change. A change is a cell added to in place: one lookup
 * per increment, where a number to read and set again took two (issue 18, the tracker's
 * hottest function).
 */
export type Counters = Map<string, Counter>;

/** Counter increments of one batch, by hash key then field, with each hash's expiry. */
export class MetricIncrements {
  readonly hashes = new Map<string, { expireAt: number; fields: Counters }>();
  private readonly buckets = new Map<number, Counters>();
  private readonly nameCache = new Map<string, Map<string, string>>();
  private readonly shardCache: Map<string, number>[] = [];
  private readonly gaugeCache: Counters[] = [];
  /** The fields `field` named, as JSON strings (`json`). */
  private readonly quoted = new Map<string, string>();

  constructor(private readonly keys: Keys) {}

  /**
   * The counters of a bucket, made with its expiry on first use and found again by number:
   * this runs for every fact and dimension, and neither the bucket's key nor a lookup by
   * it is needed again. An instance serves one lane's part of a batch, so the lane is not
   * part of the cache key.
   */
  bucket(
    lane: number,
    resolution: 'm' | 'h',
    index: number,
    dimension: number,
    expireAt: number,
    shard = 0,
  ): Counters {
    const slot = (index * BUCKET_DIMENSIONS.length + dimension) * MAX_SHARDS + shard;
    const id = resolution === 'm' ? slot : -slot - 1;
    let counters = this.buckets.get(id);
    if (counters === undefined) {
      const key = this.keys.bucket(lane, resolution, index, dimension, shard);
      counters = this.hash(key, expireAt);
      this.buckets.set(id, counters);
    }
    return counters;
  }

  /** The hour shard of a dimension's value (bucket-shards.ts), worked out once per batch. */
  hourShard(dimension: number, value: string): number {
    let shards = this.shardCache[dimension];
    if (shards === undefined) this.shardCache[dimension] = shards = new Map<string, number>();
    let shard = shards.get(value);
    if (shard === undefined) shards.set(value, (shard = shardOf(value, hourShards(dimension))));
    return shard;
  }

  /**
   * The field `<value>|<counter>`, built once per batch: a batch names the same few
   * dimension values' counters for thousands of facts, and a string looked up again is
   * neither allocated nor hashed again (bench:pipeline profile, issue 18).
   */
  field(value: string, counter: string): string {
    let names = this.nameCache.get(counter);
    if (!names) this.nameCache.set(counter, (names = new Map<string, string>()));
    let name = names.get(value);
    if (name === undefined) {
      names.set(value, (name = `${value}|${counter}`));
      this.quoted.set(name, JSON.stringify(name));
    }
    return name;
  }

  /** The counters of a dimension's gauges hash, found again by number like `bucket`'s. */
  gauges(lane: number, dimension: number): Counters {
    let counters = this.gaugeCache[dimension];
    if (counters === undefined)
      this.gaugeCache[dimension] = counters = this.hash(this.keys.gauges(lane, dimension), 0);
    return counters;
  }

  /**
   * A hash's changes as the metrics script takes them, a JSON object of field to
   * increment; empty when they all cancelled out (the hashes hold no zeros).
   */
  json(fields: Counters): string {
    let json = '';
    for (const [field, { n }] of fields)
      if (n !== 0)
        json += `${json === '' ? '{' : ','}${this.quoted.get(field) ?? JSON.stringify(field)}:${n}`;
    return json === '' ? '' : `${json}}`;
  }

  add(key: string, expireAt: number, field: string, delta: number): void {
    addTo(this.hash(key, expireAt), field, delta);
  }

  /** The counters of hash `key`, made with `expireAt` on first use. */
  private hash(key: string, expireAt: number): Counters {
    let hash = this.hashes.get(key);
    if (!hash) this.hashes.set(key, (hash = { expireAt, fields: new Map<string, Counter>() }));
    return hash.fields;
  }
}

/** Adds `delta` to a counter. */
export function addTo(counters: Counters, field: string, delta: number): void {
  const counter = counters.get(field);
  if (counter === undefined) counters.set(field, { n: delta });
  else counter.n += delta;
}
