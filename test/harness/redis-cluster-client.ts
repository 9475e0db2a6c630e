import { Cluster, type ClusterOptions } from 'ioredis';

/**
 * An ioredis `Cluster` client from a seed list in the `SLAWATCH_REDIS_CLUSTER` format
 * (`127.0.0.1:7000,127.0.0.1:7001`). Commands wait out a failover instead of failing after
 * a fixed number of retries (`maxRetriesPerRequest: null`), and commands issued together go
 * to each node as one pipeline (`enableAutoPipelining`). `options` override both.
 */
export function clusterFromSeeds(seeds: string, options: ClusterOptions = {}): Cluster {
  return new Cluster(parseSeeds(seeds), {
    enableAutoPipelining: true,
    ...options,
    redisOptions: { maxRetriesPerRequest: null, ...options.redisOptions },
  });
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
