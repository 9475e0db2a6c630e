export { createLogger, type Logger } from './logger.js';
export type { Registry } from 'prom-client';
export {
  collectProcessMetrics,
  createProcessRegistry,
  type ProcessIdentity,
} from './process-metrics.js';
export { withDeadline } from './with-deadline.js';
export { checkReadiness, type Readiness, type ReadinessCheck } from './readiness.js';
export type { ServiceContext } from './service-context.js';
export { startOpsServer, type OpsServer, type OpsServerOptions } from './ops-server.js';
