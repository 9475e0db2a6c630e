import type { ServiceConfig } from './service-config.js';

/** Metric lanes on a cluster when SLAWATCH_METRIC_LANES is `auto`: an even share for 2, 3, 4 or 6 masters. */
export const CLUSTER_METRIC_LANES = 12;

/** Where the services' Redis is: @slawatch/store's `createRedisClient` takes this. */
export function redisTarget(config: ServiceConfig) {
  return {
    url: config.SLAWATCH_REDIS_URL,
    cluster: config.SLAWATCH_REDIS_CLUSTER,
    clusterPassword: config.SLAWATCH_REDIS_CLUSTER_PASSWORD,
    clusterTls: config.SLAWATCH_REDIS_CLUSTER_TLS,
  };
}

/** SLAWATCH_METRIC_LANES resolved: `auto` is 1 on one Redis (the keys of every version so far). */
export function metricLanes(config: ServiceConfig): number {
  const lanes = config.SLAWATCH_METRIC_LANES;
  if (lanes !== 'auto') return lanes;
  return config.SLAWATCH_REDIS_CLUSTER.length > 0 ? CLUSTER_METRIC_LANES : 1;
}

/** Where a Redis error message should send the reader: the variable that named the server. */
export const redisSetting = (config: ServiceConfig): string =>
  config.SLAWATCH_REDIS_CLUSTER.length > 0 ? 'SLAWATCH_REDIS_CLUSTER' : 'SLAWATCH_REDIS_URL';
