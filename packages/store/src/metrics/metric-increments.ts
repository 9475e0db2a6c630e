import { DIMENSIONS } from '@slawatch/core';
import type { Keys } from '../keys.js';

/** Counter increments of one batch, by hash key then field, with each hash's expiry. */
export class MetricIncrements {
  readonly hashes = new Map<string, { expireAt: number; fields: Map<string, number> }>();
  private readonly keyCache = new Map<number, string>();

  constructor(private readonly keys: Keys) {}

  /**
   * The key of a bucket, built once per batch (this runs for every fact and dimension). An
   * instance serves one lane's part of a batch, so the lane is not part of the cache key.
   */
  bucket(lane: number, resolution: 'm' | 'h', index: number, dimension: number): string {
    const slot = index * DIMENSIONS.length + dimension;
    const id = resolution === 'm' ? slot : -slot - 1;
    let key = this.keyCache.get(id);
    if (key === undefined)
      this.keyCache.set(id, (key = this.keys.bucket(lane, resolution, index, dimension)));
    return key;
  }

  add(key: string, expireAt: number, field: string, delta: number): void {
    let hash = this.hashes.get(key);
    if (!hash) this.hashes.set(key, (hash = { expireAt, fields: new Map() }));
    const value = (hash.fields.get(field) ?? 0) + delta;
    if (value === 0) hash.fields.delete(field);
    else hash.fields.set(field, value);
  }
}
