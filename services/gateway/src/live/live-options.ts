/** How the live stream paces, limits and gives up on clients. Every one has a default. */
export interface LiveOptions {
  /**
   * Least time between two reads of one view, and the interval while the gateway is idle
   * and reads are cheap: a delta is then read at once, or at most this long after the
   * view's last read. Deltas arriving faster are coalesced into one read.
   */
  readonly minIntervalMs: number;
  /**
   * What that interval grows toward as the gateway's event loop gets busy or a view's
   * reads get slow (read-pacing.ts): under load, more deltas share each read and each
   * message. A value below `minIntervalMs` makes the interval `minIntervalMs`, fixed.
   */
  readonly maxIntervalMs: number;
  /** A view no delta has made read for this long is read again (metric windows slide). */
  readonly refreshMs: number;
  /** A heartbeat message and a ping frame this often; no pong by the next one: dropped. */
  readonly heartbeatMs: number;
  /** Most subscriptions one connection may hold. */
  readonly maxSubscriptions: number;
  /** Larger client messages are refused with an error (the connection stays). */
  readonly maxMessageBytes: number;
  /** Larger ones close the connection (1009): ws reads a whole message before we see it. */
  readonly maxPayloadBytes: number;
  /**
   * Above this many bytes waiting to go out to a client, nothing more is sent to it; only
   * the latest state of each of its views is kept, to be sent once it has caught up.
   */
  readonly softLimitBytes: number;
  /** Above this many bytes waiting, the client is dropped at once. */
  readonly hardLimitBytes: number;
  /** A client above the soft limit for this long is dropped. */
  readonly maxBackedUpMs: number;
  /** How long a closing client has to answer the close handshake before its socket is cut. */
  readonly closeGraceMs: number;
  /** Most connections of one token to this gateway: more are closed at once (4030). */
  readonly maxConnectionsPerToken: number;
  /**
   * Most distinct views the connections of one token hold on this gateway: each keeps its
   * latest data in memory (up to 1,000 list entries), so this bounds what a token costs.
   */
  readonly maxViewsPerToken: number;
  /** Messages a client may send per second, on average; more are refused with an error. */
  readonly messagesPerSecond: number;
  /**
   * Messages a client may send at once (a new connection subscribing to everything), and
   * how many more, refused, before it is closed (4029) if it has not paused since.
   */
  readonly messageBurst: number;
  /** Most view reads running at once in the gateway; the others wait their turn. */
  readonly maxReadsInFlight: number;
  /** Of those, most started for one client's new subscriptions. */
  readonly maxReadsPerClient: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  minIntervalMs: 50,
  maxIntervalMs: 500,
  refreshMs: 5_000,
  heartbeatMs: 15_000,
  maxSubscriptions: 20,
  maxMessageBytes: 16 * 1024,
  maxPayloadBytes: 1024 * 1024,
  softLimitBytes: 256 * 1024,
  hardLimitBytes: 4 * 1024 * 1024,
  maxBackedUpMs: 20_000,
  closeGraceMs: 2_000,
  maxConnectionsPerToken: 100,
  maxViewsPerToken: 200,
  messagesPerSecond: 10,
  messageBurst: 40,
  maxReadsInFlight: 8,
  maxReadsPerClient: 2,
};
