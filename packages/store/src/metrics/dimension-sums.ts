import {
  BUCKET_DIMENSIONS,
  DIMENSIONS,
  parseTeamAgent,
  type BucketDimension,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import { rangeKeys, sumBucketGroups } from './bucket-ranges.js';

const ASSIGNEE = DIMENSIONS.indexOf('assignee');
const PAIRS = BUCKET_DIMENSIONS.indexOf('teamAssignee');

/** The values a read wants: these (each answered, even empty), those a test keeps, or all. */
export type ValuesWanted = readonly string[] | ((value: string) => boolean) | undefined;

/**
 * parseTeamAgent with its answers kept: a read meets the same few hundred pairs in every
 * bucket's fields, each parsed once.
 */
export function pairReader() {
  const known = new Map<string, ReturnType<typeof parseTeamAgent>>();
  return (value: string) => {
    let pair = known.get(value);
    if (pair === undefined) known.set(value, (pair = parseTeamAgent(value)));
    return pair;
  };
}

/**
 * Each range's counters (with the dimension's gauges when `gauges`), by value of
 * `dimension`; only the fields matching the glob `match` when given. The assignee
 * dimension is the team and agent pairs summed over teams (contribution-diff.ts,
 * skippedDimension), plus its own buckets of contributions stored before the pairs
 * existed.
 */
export async function dimensionSums(
  redis: RedisClient,
  keys: Keys,
  read: {
    readonly ranges: readonly [number, number][];
    readonly dimension: BucketDimension;
    readonly values: ValuesWanted;
    readonly gauges: boolean;
    readonly match?: string | undefined;
  },
): Promise<Map<string, Map<string, number>>[]> {
  const { ranges, dimension, values, gauges, match } = read;
  const sums = (d: number, keep: ValuesWanted) =>
    sumBucketGroups(
      redis,
      ranges.map(([first, last]) => rangeKeys(keys, first, last, d, gauges)),
      keep,
      match,
    );
  if (dimension !== 'assignee') return sums(BUCKET_DIMENSIONS.indexOf(dimension), values);
  const pairOf = pairReader();
  const listed = typeof values === 'function' ? null : values && new Set(values);
  const wanted =
    typeof values === 'function' ? values : (agent: string) => !listed || listed.has(agent);
  const [own, pairs] = await Promise.all([
    sums(ASSIGNEE, values),
    sums(PAIRS, (value) => {
      const pair = pairOf(value);
      return pair !== null && wanted(pair[1]);
    }),
  ]);
  return own.map((byAgent, i) => {
    for (const [pair, fields] of pairs[i]!) {
      const agent = pairOf(pair)![1];
      const into = byAgent.get(agent) ?? new Map<string, number>();
      for (const [counter, n] of fields) into.set(counter, (into.get(counter) ?? 0) + n);
      byAgent.set(agent, into);
    }
    return new Map([...byAgent].sort((a, b) => a[0].localeCompare(b[0])));
  });
}
