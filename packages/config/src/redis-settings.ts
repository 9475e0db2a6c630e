import type { ServiceConfig } from './service-config.js';

/** Where the services' Redis is: @slawatch/store's `createRedisClient` takes this. */
export function redisTarget(config: ServiceConfig) {
  return {
    url: config.SLAWATCH_REDIS_URL,
    cluster: config.SLAWATCH_REDIS_CLUSTER,
    clusterPassword: config.SLAWATCH_REDIS_CLUSTER_PASSWORD,
    clusterTls: config.SLAWATCH_REDIS_CLUSTER_TLS,
  };
}

/** Where a Redis error message should send the reader: the variable that named the server. */
export const redisSetting = (config: ServiceConfig): string =>
  config.SLAWATCH_REDIS_CLUSTER.length > 0 ? 'SLAWATCH_REDIS_CLUSTER' : 'SLAWATCH_REDIS_URL';
