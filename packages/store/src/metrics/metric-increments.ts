import { DIMENSIONS } from '@slawatch/core';
import type { Keys } from '../keys.js';

/** Counter increments of one batch, by hash key then field, with each hash's expiry. */
export class MetricIncrements {
  readonly hashes = new Map<string, { expireAt: number; fields: Map<string, number> }>();
  private readonly keyCache = new Map<number, string>();
  private readonly nameCache = new Map<string, Map<string, string>>();

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

  /**
   * The field `<value>|<counter>`, built once per batch: a batch names the same few
   * dimension values' counters for thousands of facts, and a string looked up again is
   * neither allocated nor hashed again (bench:pipeline profile, issue 18).
   */
  field(value: string, counter: string): string {
    let names = this.nameCache.get(counter);
    if (!names) this.nameCache.set(counter, (names = new Map<string, string>()));
    let name = names.get(value);
    if (name === undefined) names.set(value, (name = `${value}|${counter}`));
    return name;
  }

  add(key: string, expireAt: number, field: string, delta: number): void {
    let hash = this.hashes.get(key);
    if (!hash) this.hashes.set(key, (hash = { expireAt, fields: new Map() }));
    const value = (hash.fields.get(field) ?? 0) + delta;
    if (value === 0) hash.fields.delete(field);
    else hash.fields.set(field, value);
  }
}
