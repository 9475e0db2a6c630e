import { BUCKET_DIMENSIONS } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { hourShards } from './bucket-shards.js';
import { Counters, NamedCounters } from './counters.js';
import type { DimensionValue } from './field-names.js';

/**
 * A bucket's place in its row: its dimension's first place plus its hour shard, so a row
 * has one place per hash it can hold (89) and its array is made once at that length. By
 * dimension times the most shards, the places ran to 600 and the arrays grew again and
 * again: the largest allocation of the metric increments (issue 18).
 */
const FIRST_PLACE: readonly number[] = BUCKET_DIMENSIONS.map((_, d) => {
  let place = 0;
  for (let before = 0; before < d; before++) place += hourShards(before);
  return place;
});
const PLACES = FIRST_PLACE.at(-1)! + hourShards(BUCKET_DIMENSIONS.length - 1);

/** The buckets of one minute or hour of a lane in a batch, by dimension (and hour shard). */
export interface BucketRow {
  readonly lane: number;
  readonly resolution: 'm' | 'h';
  readonly index: number;
  readonly expireAt: number;
  readonly cells: (Counters | undefined)[];
}

/**
 * Counter increments of one batch, by hash key then field, with each hash's expiry. Every
 * fact of a batch adds to a bucket of each of its ticket's dimension values, so the
 * lookups on that path are by small numbers, or by names made once (field-names.ts): the
 * increments were the tracker's hottest code (bench:pipeline profile, issue 18).
 */
export class MetricIncrements {
  readonly hashes = new Map<string, { expireAt: number; fields: Counters | NamedCounters }>();
  private readonly rows = { m: new Map<number, BucketRow>(), h: new Map<number, BucketRow>() };
  private readonly gaugeCache: Counters[] = [];

  constructor(private readonly keys: Keys) {}

  /**
   * The buckets of minute or hour `index` of a lane, with the expiry they get when made.
   * An instance serves one lane's part of a batch, so rows are found by index alone.
   */
  row(lane: number, resolution: 'm' | 'h', index: number, expireAt: number): BucketRow {
    const rows = this.rows[resolution];
    let row = rows.get(index);
    if (row === undefined)
      rows.set(
        index,
        (row = {
          lane,
          resolution,
          index,
          expireAt,
          cells: new Array<Counters | undefined>(PLACES),
        }),
      );
    return row;
  }

  /** The counters of a dimension value's bucket in `row` (its hour shard's, by the hour). */
  cell(row: BucketRow, value: DimensionValue): Counters {
    const shard = row.resolution === 'h' ? value.shard : 0;
    const i = FIRST_PLACE[value.dimension]! + shard;
    let counters = row.cells[i];
    if (counters === undefined) {
      const key = this.keys.bucket(row.lane, row.resolution, row.index, value.dimension, shard);
      row.cells[i] = counters = this.hash(key, row.expireAt, Counters);
    }
    return counters;
  }

  /** The counters of a dimension's gauges hash, found again by number like a row's cells. */
  gauges(lane: number, dimension: number): Counters {
    let counters = this.gaugeCache[dimension];
    if (counters === undefined)
      this.gaugeCache[dimension] = counters = this.hash(
        this.keys.gauges(lane, dimension),
        0,
        Counters,
      );
    return counters;
  }

  /**
   * A hash's changes as the metrics script takes them, `[expireAt,{"field":increment,...}]`;
   * empty when they all cancelled out (the hashes hold no zeros).
   */
  hashJson(expireAt: number, fields: Counters | NamedCounters): string {
    const members = fields.members();
    return members === '' ? '' : `[${expireAt},{${members}}]`;
  }

  add(key: string, expireAt: number, field: string, delta: number): void {
    this.hash(key, expireAt, NamedCounters).add(field, delta);
  }

  /**
   * The counters of hash `key`, made with `expireAt` on first use. A hash's fields come
   * named by the field cache (buckets, gauges) or by name (series, ticket sets), never
   * both: their keys are of different families (keys.ts).
   */
  private hash<T extends Counters | NamedCounters>(
    key: string,
    expireAt: number,
    kind: new () => T,
  ): T {
    let hash = this.hashes.get(key);
    if (!hash) this.hashes.set(key, (hash = { expireAt, fields: new kind() }));
    return hash.fields as T;
  }
}
