/**
 * Every Redis key and channel slawatch uses, built in this one module. A ticket's record
 * carries the ticket id as its hash tag (`{T-1}`), so anything touching one ticket stays in
 * one slot of a Redis Cluster; the due set and the BullMQ queue share a hash tag of their own.
 */
export interface Keys {
  readonly prefix: string;
  /** String `<version>|<JSON [next timer, alert marks, compact history]>`. */
  ticket(ticketId: string): string;
  /** Sorted set of breaches (member `ticket|clock|cycle`, score = breach instant). */
  readonly breaches: string;
  /** Sorted set of at-risk clocks (member `ticket|clock|cycle`, score = deadline). */
  readonly atRisk: string;
  /**
   * Sorted set of clocks paused after going at risk (member as above, score = business
   * milliseconds left): the wallboard shows them, paused, beside the running ones.
   */
  readonly pausedAtRisk: string;
  /** Hash of API tokens: SHA-256 of the secret → JSON {id, name, scopes, teams}. */
  readonly tokens: string;
  /** Pub/sub channel of live deltas (a JSON array per message). */
  readonly deltas: string;
  /** Sorted set of every ticket's next timer (member ticket id, score = instant). */
  readonly due: string;
  /** BullMQ prefix of the wake-up queue; shares the due set's hash tag. */
  readonly queuePrefix: string;
  /** BullMQ prefix of the notification queues (one per receiver). */
  readonly notifyPrefix: string;
  /** Sorted set of the latest deliveries (JSON records, score = when). */
  readonly deliveries: string;
  /** Hash of one ticket's alerts by receiver: `<alert key>|<receiver>` → JSON record. */
  ticketAlerts(ticketId: string): string;
  /** Hash of one team's alerts waiting to go to a receiver as one message (id → JSON). */
  alertGroup(receiver: string, team: string | null): string;
  /** Counter of the messages a receiver got in one period of its cap. */
  receiverCap(receiver: string, period: number): string;
  /**
   * The rolling-metric keys share one hash tag, so one script updates a whole batch:
   * a ticket's applied contribution (`<version>|<JSON>`), ...
   */
  contribution(ticketId: string): string;
  /** ... a time bucket of one dimension (hash `<value>|<counter>`), per minute or hour, ... */
  bucket(resolution: 'm' | 'h', index: number, dimension: number): string;
  /** ... the gauges of one dimension (hash `<value>|<gauge>`), ... */
  gauges(dimension: number): string;
  /** ... the tickets one requester opened about one category (JSON [[id, created]]), ... */
  contacts(requester: string, category: string): string;
  /** ... and the Prometheus SLA series (hash `<code>|<labels JSON>`, metrics/sla-series.ts). */
  readonly series: string;
  /** ... and the values kept for an undeclared dimension (set, admit-dimension-values.ts). */
  admittedValues(dimension: string): string;
  /** Which gateway exports the SLA series now (its instance id, with a time to live). */
  readonly exporterLease: string;
}

export function createKeys(prefix: string): Keys {
  return {
    prefix,
    ticket: (ticketId) => `${prefix}:t:{${ticketId}}`,
    breaches: `${prefix}:breaches`,
    atRisk: `${prefix}:at-risk`,
    pausedAtRisk: `${prefix}:at-risk-paused`,
    deltas: `${prefix}:deltas`,
    tokens: `${prefix}:tokens`,
    due: `{${prefix}:q}:due`,
    queuePrefix: `{${prefix}:q}`,
    notifyPrefix: `{${prefix}:n}`,
    deliveries: `{${prefix}:n}:log`,
    ticketAlerts: (ticketId) => `{${prefix}:n}:t:${ticketId}`,
    alertGroup: (receiver, team) => `{${prefix}:n}:g:${receiver}:${JSON.stringify(team)}`,
    receiverCap: (receiver, period) => `{${prefix}:n}:cap:${receiver}:${period}`,
    contribution: (ticketId) => `{${prefix}:m}:c:${ticketId}`,
    bucket: (resolution, index, dimension) => `{${prefix}:m}:${resolution}:${index}:${dimension}`,
    gauges: (dimension) => `{${prefix}:m}:g:${dimension}`,
    contacts: (requester, category) => `{${prefix}:m}:r:${JSON.stringify([requester, category])}`,
    series: `{${prefix}:m}:s`,
    admittedValues: (dimension) => `{${prefix}:m}:s:v:${dimension}`,
    exporterLease: `${prefix}:exporter`,
  };
}
