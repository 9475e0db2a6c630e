import type { Cluster } from 'ioredis';
import { createRedisClient } from '@slawatch/store';

/**
 * The services' own cluster client (@slawatch/store's `createRedisClient`: commands wait
 * out a failover, go to each node as one pipeline, and the slot map is re-read every
 * second) from a seed list in the `SLAWATCH_REDIS_CLUSTER` format
 * (`127.0.0.1:7000,127.0.0.1:7001`), checked first. It connects on its first command.
 */
export function clusterFromSeeds(seeds: string): Cluster {
  const nodes = parseSeeds(seeds).map(({ host, port }) => `${host}:${port}`);
  return createRedisClient({ url: '', cluster: nodes }) as Cluster;
}

/** `host:port,host:port` → addresses; rejects an empty list or a seed without a port. */
export function parseSeeds(seeds: string): { host: string; port: number }[] {
  const parsed = seeds
    .split(',')
    .map((seed) => seed.trim())
    .filter((seed) => seed !== '')
    .map((seed) => {
      const colon = seed.lastIndexOf(':');
      const port = Number(seed.slice(colon + 1));
      if (colon <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
        throw new Error(`not a host:port seed: "${seed}"`);
      }
      return { host: seed.slice(0, colon), port };
    });
  if (parsed.length === 0) throw new Error('no seed nodes given');
  return parsed;
}
