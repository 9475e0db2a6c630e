import type { Notification } from '@slawatch/core';

/**
 * Where notifications go. `deliver` resolves once the receiver accepted one, throws to
 * have it retried, and throws PermanentDeliveryError when retrying cannot help.
 * Receivers read by people (Slack, e-mail) also take one team's alerts of a grouping
 * window as one message (`deliverGroup`).
 */
export interface Receiver {
  deliver(n: Notification): Promise<void>;
  deliverGroup?(ns: readonly Notification[]): Promise<void>;
}
