import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { clusterFromSeeds } from '@slawatch/test';
import type { RedisClient } from '../src/index.js';

/** Where a store test runs: the store's tests run against both (docs/development.md). */
export interface StoreTarget {
  readonly name: string;
  /** Metric lanes to use there (keys.ts). */
  readonly lanes: number;
  connect(): RedisClient;
}

export const STORE_TARGETS: readonly StoreTarget[] = [
  { name: 'one Redis', lanes: 1, connect: () => new Redis(inject('redisUrl')) },
  {
    name: 'a Redis Cluster, 6 metric lanes',
    lanes: 6,
    connect: () => clusterFromSeeds(inject('redisCluster')),
  },
];

/** A fresh key prefix, so a test needs no cleaning (a cluster has no one place to scan). */
export const freshPrefix = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;
