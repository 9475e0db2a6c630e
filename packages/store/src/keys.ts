import calculateSlot from 'cluster-key-slot';

/** Redis Cluster's number of hash slots. */
const SLOTS = 16_384;

/** The Redis Cluster hash slot of a key (its `{hash tag}` if it has one). */
export const slotOf = (key: string): number => calculateSlot(key);

/**
 * Every Redis key and channel slawatch uses, built in this one module (docs/architecture.md
 * has the table, with the slot of each family). A ticket's record carries the ticket id as
 * its hash tag (`{T-1}`), so anything touching one ticket stays in one slot of a Redis
 * Cluster; the due set and the BullMQ queue share a hash tag of their own. The rolling
 * metrics are cut into `lanes`, each a hash tag of its own (docs/scaling.md): a ticket's
 * contribution lives in the lane of its id with that lane's buckets, a requester's contact
 * lists in the lane of the requester, and a query sums the lanes.
 */
export interface Keys {
  readonly prefix: string;
  /** How many metric lanes (SLAWATCH_METRIC_LANES); 1 keeps every metric key in one slot. */
  readonly lanes: number;
  /** The lane of a ticket id (for its contribution) or of a requester (for its lists). */
  laneOf(id: string): number;
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
  /**
   * Sorted set of low survey scores to follow up (member `ticket|kind|score|survey key`,
   * score = survey instant).
   */
  readonly followUps: string;
  /** Hash of API tokens: SHA-256 of the secret → JSON {id, name, scopes, teams}. */
  readonly tokens: string;
  /** Pub/sub channel of live deltas (a JSON array per message). */
  readonly deltas: string;
  /**
   * Sorted set of every ticket's next timer (member ticket id, score = instant), with one
   * lane: the due set of every version so far.
   */
  readonly due: string;
  /** The due set holding a ticket's timer: with lanes, one per lane, in the ticket's lane. */
  dueOf(ticketId: string): string;
  /** Every due set (one, or one per lane). */
  readonly dueSets: readonly string[];
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
   * The keys of one metric lane share its hash tag, so one script updates a lane's part
   * of a batch: a ticket's applied contribution (`<version>|<JSON>`, in its id's lane), ...
   */
  contribution(ticketId: string): string;
  /**
   * ... a time bucket of one dimension (hash `<value>|<counter>`), per minute or hour; an
   * hour is cut into shards by value (bucket-shards.ts), shard 0 being the whole hour's key
   * of the versions before shards, ...
   */
  bucket(
    lane: number,
    resolution: 'm' | 'h',
    index: number,
    dimension: number,
    shard?: number,
  ): string;
  /** ... the gauges of one dimension (hash `<value>|<gauge>`), ... */
  gauges(lane: number, dimension: number): string;
  /**
   * ... the tickets one requester opened about one category (metrics/contact-list.ts; in
   * the requester's lane, so a change of category stays in one slot), ...
   */
  contacts(requester: string, category: string): string;
  /** The same list as versions before lanes kept it (metrics/contact-list.ts, legacyContactList). */
  legacyContacts(requester: string, category: string): string;
  /** ... the lane's part of the Prometheus SLA series (hash `<code>|<labels JSON>`), ... */
  laneSeries(lane: number): string;
  /**
   * ... and the lane's sorted sets of the tickets behind the counts (metrics/ticket-sets.ts):
   * one per gauge kept (`gn`, `gb`, ...) and `outcomes`, the finished clocks.
   */
  ticketSet(lane: number, name: string): string;
  /**
   * The series fields not counted per ticket (dead letters, notification outcomes); with
   * one lane this is also the lane's series, the key every version so far has used.
   */
  readonly series: string;
  /** The values kept for an undeclared dimension (set, admit-dimension-values.ts). */
  admittedValues(dimension: string): string;
  /** Which gateway exports the SLA series now (its instance id, with a time to live). */
  readonly exporterLease: string;
  /**
   * Hash of the open `forecast` alerts: `<ticket>|<clock>|<cycle>` → JSON {alert,
   * receivers}, until the clock stops and their resolve is queued.
   */
  readonly forecastAlerts: string;
  /** Hash of one background job of the gateway: `job` (JSON) and `cancel`, kept a day. */
  job(jobId: string): string;
  /** The number of metric lanes the data under this prefix was written with (resolve-metric-lanes.ts). */
  readonly metricLanes: string;
  /**
   * A scheduled digest's state (notifications/digest-ledger.ts): `<digest key>`, the slot's
   * claim, and `last:<digest>:<team>`, the headline last sent.
   */
  digest(part: string): string;
}

/**
 * The hash tag of each metric lane. With one lane it is `<prefix>:m`, as before lanes
 * existed. With more, lane i's tag is the first `<prefix>:m<i>.<n>` whose slot falls in the
 * i-th equal part of the 16,384 slots: a cluster whose masters own equal contiguous ranges
 * (what `redis-cli --cluster create` makes) then gets an equal share of lanes per master
 * whenever the lane count is a multiple of the master count, instead of what CRC16 happens
 * to give.
 */
export function laneTags(prefix: string, lanes: number): string[] {
  if (lanes === 1) return [`${prefix}:m`];
  return Array.from({ length: lanes }, (_, i) => {
    const [from, to] = [Math.ceil((i * SLOTS) / lanes), Math.ceil(((i + 1) * SLOTS) / lanes)];
    for (let n = 0; ; n++) {
      const tag = `${prefix}:m${i}.${n}`;
      const slot = calculateSlot(tag);
      if (slot >= from && slot < to) return tag;
    }
  });
}

export function createKeys(prefix: string, lanes = 1): Keys {
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > 1024)
    throw new RangeError(`metric lanes must be a whole number from 1 to 1024, not ${lanes}`);
  const tags = laneTags(prefix, lanes);
  // The lane of an id: its own CRC16 slot scaled to the lanes, so ids spread evenly.
  const laneOf = lanes === 1 ? () => 0 : (id: string) => (calculateSlot(id) * lanes) >> 14;
  return {
    prefix,
    lanes,
    laneOf,
    ticket: (ticketId) => `${prefix}:t:{${ticketId}}`,
    breaches: `${prefix}:breaches`,
    atRisk: `${prefix}:at-risk`,
    pausedAtRisk: `${prefix}:at-risk-paused`,
    followUps: `${prefix}:follow-ups`,
    deltas: `${prefix}:deltas`,
    tokens: `${prefix}:tokens`,
    due: `{${prefix}:q}:due`,
    dueOf: lanes === 1 ? () => `{${prefix}:q}:due` : (id) => `{${tags[laneOf(id)]}}:due`,
    dueSets: lanes === 1 ? [`{${prefix}:q}:due`] : tags.map((tag) => `{${tag}}:due`),
    queuePrefix: `{${prefix}:q}`,
    notifyPrefix: `{${prefix}:n}`,
    deliveries: `{${prefix}:n}:log`,
    ticketAlerts: (ticketId) => `{${prefix}:n}:t:${ticketId}`,
    alertGroup: (receiver, team) => `{${prefix}:n}:g:${receiver}:${JSON.stringify(team)}`,
    receiverCap: (receiver, period) => `{${prefix}:n}:cap:${receiver}:${period}`,
    contribution: (ticketId) => `{${tags[laneOf(ticketId)]}}:c:${ticketId}`,
    bucket: (lane, resolution, index, dimension, shard = 0) =>
      shard === 0
        ? `{${tags[lane]}}:${resolution}:${index}:${dimension}`
        : `{${tags[lane]}}:${resolution}:${index}:${dimension}:${shard}`,
    gauges: (lane, dimension) => `{${tags[lane]}}:g:${dimension}`,
    // `q`, not the `r` of the lists before lanes (legacyContacts): those held no versions.
    contacts: (requester, category) =>
      `{${tags[laneOf(requester)]}}:q:${JSON.stringify([requester, category])}`,
    legacyContacts: (requester, category) =>
      `{${prefix}:m}:r:${JSON.stringify([requester, category])}`,
    laneSeries: (lane) => `{${tags[lane]}}:s`,
    ticketSet: (lane, name) => `{${tags[lane]}}:x:${name}`,
    series: `{${prefix}:m}:s`,
    admittedValues: (dimension) => `{${prefix}:m}:s:v:${dimension}`,
    exporterLease: `${prefix}:exporter`,
    forecastAlerts: `{${prefix}:n}:forecast`,
    job: (jobId) => `${prefix}:job:${jobId}`,
    metricLanes: `${prefix}:metric-lanes`,
    digest: (part) => `{${prefix}:n}:digest:${part}`,
  };
}
