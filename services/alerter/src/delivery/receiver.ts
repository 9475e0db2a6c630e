import type { Notification } from '@slawatch/core';

/**
 * Where notifications go. `deliver` resolves once the receiver accepted one, throws to
 * have it retried, and throws PermanentDeliveryError when retrying cannot help.
 */
export interface Receiver {
  deliver(n: Notification): Promise<void>;
}
