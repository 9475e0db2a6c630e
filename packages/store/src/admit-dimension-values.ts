import type { Redis } from 'ioredis';
import { DECLARABLE_DIMENSIONS, type DeclarableDimension } from '@slawatch/core';

/**
 * For each value asked about, in order: kept when the dimension's set holds it already,
 * added and kept while the set holds fewer than the cap, refused (1 / 0) otherwise.
 * ARGV: the cap, then the values, each as "<key index>\n<value>".
 */
const ADMIT = `
local cap = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local nl = string.find(ARGV[i], '\\n', 1, true)
  local key = KEYS[tonumber(string.sub(ARGV[i], 1, nl - 1))]
  local value = string.sub(ARGV[i], nl + 1)
  if redis.call('SISMEMBER', key, value) == 1 then
    out[#out + 1] = 1
  elseif redis.call('SCARD', key) < cap then
    redis.call('SADD', key, value)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
`;

type AdmittingRedis = Redis & {
  admitDimensionValuesV1(...args: (string | number)[]): Promise<number[]>;
};

/**
 * The values of undeclared dimensions metrics may carry, at most `cap` per dimension over
 * the life of the data: the first ones seen are kept for good, later new ones are
 * refused (counted as `other`). Decided in one script, so every tracker agrees, and a
 * value once kept or refused stays so (a replay counts it the same way). The sets live
 * beside the SLA series (`<series key>:v:<dimension>`), in the same hash slot.
 */
export async function admitDimensionValues(
  redis: Redis,
  seriesKey: string,
  cap: number,
  asked: ReadonlyMap<DeclarableDimension, ReadonlySet<string>>,
): Promise<Map<DeclarableDimension, Set<string>>> {
  const dims = DECLARABLE_DIMENSIONS.filter((d) => asked.has(d));
  const admitted = new Map(dims.map((d) => [d, new Set<string>()]));
  const values = dims.flatMap((d, i) => [...asked.get(d)!].map((v) => [i, d, v] as const));
  if (values.length === 0) return admitted;
  const r = redis as AdmittingRedis;
  if (typeof r.admitDimensionValuesV1 !== 'function')
    redis.defineCommand('admitDimensionValuesV1', { lua: ADMIT });
  const kept = await r.admitDimensionValuesV1(
    dims.length,
    ...dims.map((d) => `${seriesKey}:v:${d}`),
    cap,
    ...values.map(([i, , v]) => `${i + 1}\n${v}`),
  );
  values.forEach(([, d, v], i) => {
    if (kept[i] === 1) admitted.get(d)!.add(v);
  });
  return admitted;
}
