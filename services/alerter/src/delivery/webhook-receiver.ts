import { createHmac } from 'node:crypto';
import type { Notification } from '@slawatch/core';
import { checkResponse } from './delivery-error.js';
import { headerSafe } from './header-safe.js';
import { digestBody, notificationBody } from './notification-body.js';
import { postJson } from './post-json.js';
import type { Receiver } from './receiver.js';

/**
 * The signature header of a webhook: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * with the receiver's secret, so the receiving end can check who sent it and refuse old
 * replays (the Stripe scheme, which many endpoints already verify).
 */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** A generic webhook: the notification as JSON, signed when a secret is configured. */
export function webhookReceiver(options: {
  readonly url: string;
  readonly secret: string | null;
  readonly ticketUrl: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
}): Receiver {
  return {
    async deliver(n: Notification) {
      const now = options.now();
      const body = JSON.stringify(
        n.digest ? digestBody(n, n.digest, now) : notificationBody(n, options.ticketUrl, now),
      );
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        // Percent-encoded: the id holds the ticket id (docs/alerts.md, "Webhook").
        'idempotency-key': headerSafe(n.id),
        'user-agent': 'slawatch',
      };
      if (options.secret !== null)
        headers['slawatch-signature'] = webhookSignature(
          options.secret,
          body,
          Math.floor(now / 1000),
        );
      const answer = await postJson(options.url, headers, body, options.timeoutMs);
      await checkResponse('the webhook', answer);
    },
  };
}
