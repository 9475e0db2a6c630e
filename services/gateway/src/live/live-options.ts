/** How the live stream paces, limits and gives up on clients. Every one has a default. */
export interface LiveOptions {
  /** Least time between two reads of one view: deltas arriving faster are coalesced. */
  readonly minIntervalMs: number;
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
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  minIntervalMs: 500,
  refreshMs: 5_000,
  heartbeatMs: 15_000,
  maxSubscriptions: 20,
  maxMessageBytes: 16 * 1024,
  maxPayloadBytes: 1024 * 1024,
  softLimitBytes: 256 * 1024,
  hardLimitBytes: 4 * 1024 * 1024,
  maxBackedUpMs: 20_000,
  closeGraceMs: 2_000,
};
