/**
 * Every Redis key and channel slawatch uses, built in this one module. A ticket's record
 * carries the ticket id as its hash tag (`{T-1}`), so anything touching one ticket stays in
 * one slot of a Redis Cluster; the BullMQ queues get a hash-tagged prefix of their own.
 */
export interface Keys {
  readonly prefix: string;
  /** Hash: the ticket's compact event history, version, alert marks, next timer. */
  ticket(ticketId: string): string;
  /** Sorted set of breaches (member `ticket|clock|cycle`, score = breach instant). */
  readonly breaches: string;
  /** Sorted set of at-risk clocks (member `ticket|clock|cycle`, score = deadline). */
  readonly atRisk: string;
  /** Pub/sub channel of live deltas (a JSON array per message). */
  readonly deltas: string;
  /** BullMQ prefix of the deadline-timer queue. */
  readonly queuePrefix: string;
}

export function createKeys(prefix: string): Keys {
  return {
    prefix,
    ticket: (ticketId) => `${prefix}:t:{${ticketId}}`,
    breaches: `${prefix}:breaches`,
    atRisk: `${prefix}:at-risk`,
    deltas: `${prefix}:deltas`,
    queuePrefix: `{${prefix}:q}`,
  };
}
