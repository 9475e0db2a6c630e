import { randomBytes } from 'node:crypto';

/**
 * Names that keep tests apart on the shared Redis and broker: each embeds the test's own
 * label (to find its leftovers) and random hex (so parallel and repeated runs never meet).
 */

/** Redis key prefix, e.g. `t:breach-timer:9f2c41ab:`. */
export function uniquePrefix(name: string): string {
  return `t:${slug(name)}:${random()}:`;
}

/** Kafka topic name using only the legal characters `[A-Za-z0-9._-]`, e.g. `t-orders-9f2c41ab`. */
export function uniqueTopic(name: string): string {
  return `t-${slug(name)}-${random()}`;
}

/** Kafka consumer group id, e.g. `g-orders-9f2c41ab`. */
export function uniqueGroupId(name: string): string {
  return `g-${slug(name)}-${random()}`;
}

/** BullMQ queue name; BullMQ rejects `:` in queue names, so none is used. */
export function uniqueQueueName(name: string): string {
  return `q-${slug(name)}-${random()}`;
}

function slug(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  // Topic names are limited to 249 characters; the label is only there to help a human.
  return cleaned.slice(0, 40) || 'test';
}

function random(): string {
  return randomBytes(4).toString('hex');
}
