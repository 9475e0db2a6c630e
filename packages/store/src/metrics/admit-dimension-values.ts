import type { RedisClient } from '../redis-client.js';
import { ADMITTED_DIMENSIONS, type AdmittedDimension } from '@slawatch/core';
import type { Keys } from '../keys.js';
import { callVariadic, type SlawatchCommands } from '../scripts.js';

/**
 * The values of undeclared dimensions metrics may carry, at most `cap` per dimension over
 * the life of the data: the first ones seen are kept for good, later new ones are
 * refused (counted as `other`). Decided in one script (lua/admit-dimension-values-1.lua),
 * so every tracker agrees, and a value once kept or refused stays so (a replay counts it
 * the same way).
 */
export async function admitDimensionValues(
  redis: RedisClient & SlawatchCommands,
  keys: Keys,
  cap: number,
  asked: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
): Promise<Map<AdmittedDimension, Set<string>>> {
  const dims = ADMITTED_DIMENSIONS.filter((d) => asked.has(d));
  const admitted = new Map(dims.map((d) => [d, new Set<string>()]));
  const values = dims.flatMap((d, i) => [...asked.get(d)!].map((v) => [i, d, v] as const));
  if (values.length === 0) return admitted;
  const kept = await callVariadic(redis, 'admitDimensionValuesV1', dims.length, [
    ...dims.map((d) => keys.admittedValues(d)),
    cap,
    ...values.map(([i, , v]) => `${i + 1}\n${v}`),
  ]);
  values.forEach(([, d, v], i) => {
    if (kept[i] === 1) admitted.get(d)!.add(v);
  });
  return admitted;
}

/**
 * Most decisions `AdmittedValues` keeps (a few MB); past it, it starts again and asks
 * Redis anew, which answers the same.
 */
const MAX_DECISIONS = 100_000;

/**
 * admitDimensionValues with its answers kept in the process: a value once kept stays kept,
 * and one refused under a cap stays refused under that cap (the sets only grow), so
 * asking again could only get the same answer. A batch then goes to Redis only for values
 * it is the first to see: the tracker's batches no longer wait there between folding
 * their tickets and deciding them, with every folded ticket held meanwhile (issue 18).
 */
export class AdmittedValues {
  private readonly decided = new Map<AdmittedDimension, Map<string, boolean>>();
  private count = 0;
  private cap = -1;

  constructor(
    private readonly redis: RedisClient & SlawatchCommands,
    private readonly keys: Keys,
  ) {}

  /** The values of `asked` kept under `cap`, known without Redis; null if any is new. */
  known(
    cap: number,
    asked: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
  ): Map<AdmittedDimension, Set<string>> | null {
    if (cap !== this.cap) return null;
    const admitted = new Map<AdmittedDimension, Set<string>>();
    for (const [dimension, values] of asked) {
      const decided = this.decided.get(dimension);
      const kept = new Set<string>();
      for (const value of values) {
        const known = decided?.get(value);
        if (known === undefined) return null;
        if (known) kept.add(value);
      }
      admitted.set(dimension, kept);
    }
    return admitted;
  }

  /** The values of `asked` kept under `cap`, asking Redis about those not known yet. */
  async admit(
    cap: number,
    asked: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
  ): Promise<Map<AdmittedDimension, Set<string>>> {
    // A refusal holds under its own cap only.
    if (cap !== this.cap || this.count >= MAX_DECISIONS) this.forget(cap);
    const unknown = new Map<AdmittedDimension, Set<string>>();
    for (const [dimension, values] of asked) {
      const decided = this.decided.get(dimension);
      const fresh = [...values].filter((value) => decided?.get(value) === undefined);
      if (fresh.length > 0) unknown.set(dimension, new Set(fresh));
    }
    if (unknown.size > 0) {
      const answers = await admitDimensionValues(this.redis, this.keys, cap, unknown);
      for (const [dimension, values] of unknown) {
        let decided = this.decided.get(dimension);
        if (decided === undefined)
          this.decided.set(dimension, (decided = new Map<string, boolean>()));
        for (const value of values) decided.set(value, answers.get(dimension)!.has(value));
        this.count += values.size;
      }
    }
    return this.known(cap, asked)!;
  }

  private forget(cap: number): void {
    this.decided.clear();
    this.count = 0;
    this.cap = cap;
  }
}
