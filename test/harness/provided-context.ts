/**
 * What `global-setup.ts` provides to every test file, so `inject('redisUrl')` is typed.
 * Imported for its types by the setup and by the package index.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the run's shared private Redis, e.g. `redis://127.0.0.1:41234`. */
    redisUrl: string;
    /**
     * Seed nodes of the run's shared Redis Cluster (3 masters, 3 replicas), in the
     * `SLAWATCH_REDIS_CLUSTER` format: `127.0.0.1:41234,127.0.0.1:41236,…`.
     */
    redisCluster: string;
    /** Bootstrap addresses of the run's shared 1-broker Kafka-protocol mock cluster. */
    kafkaBrokers: string[];
  }
}

export {};
