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
