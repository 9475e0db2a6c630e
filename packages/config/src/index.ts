export { ENV, loadServiceConfig, type ConfigLoad, type ServiceConfig } from './service-config.js';
export { loadPolicyFile } from './load-policy-file.js';
export { redisSetting, redisTarget } from './redis-settings.js';
