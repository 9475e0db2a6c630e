import type { Registry } from 'prom-client';
import type { Logger } from './logger.js';
import type { ReadinessCheck } from './readiness.js';

/**
 * What a process shares with each service it starts (the tracker, the alerter): built
 * once, whatever else runs beside it.
 */
export interface ServiceContext {
  /** The service's own logger. */
  readonly log: Logger;
  /** The process's registry: one `/metrics` serves every service's series. */
  readonly registry: Registry;
  /** The process's readiness list: the service adds its own check to it. */
  readonly readiness: ReadinessCheck[];
  /** The service could not be restarted: the process should exit for its supervisor. */
  readonly onFatal: (error: Error) => void;
}
