import type { ServiceConfig } from '@slawatch/config';
import { DEFAULT_DELIVERY, type DeliveryPolicy } from '@slawatch/store';

/**
 * The retry policy of receiver notifications: one for the jobs the tracker queues (through
 * the store adapters) and the notifier that delivers them.
 */
export function deliveryPolicy(config: ServiceConfig): DeliveryPolicy {
  return {
    ...DEFAULT_DELIVERY,
    attempts: config.SLAWATCH_DELIVERY_ATTEMPTS,
    maxDelayMs: config.SLAWATCH_DELIVERY_MAX_DELAY,
  };
}
