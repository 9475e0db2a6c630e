/**
 * The close codes of the live stream, part of the protocol because a client acts on them
 * (4000-4999 are the application's own, RFC 6455 7.4.2). The gateway's reasons and error
 * codes for them live in its error catalog, which takes these numbers.
 */
export const LIVE_CLOSE_CODES = {
  /** The gateway is shutting down: reconnect (to another instance). */
  goingAway: 1001,
  /** The token was revoked since the connection opened: reconnecting with it is refused. */
  revoked: 4001,
  /** The client read too slowly for too long and fell too far behind the stream. */
  tooSlow: 4008,
  /** The client kept sending over its message rate. */
  tooManyMessages: 4029,
  /** The token already has as many connections to this gateway as it may. */
  tooManyConnections: 4030,
} as const;

export type LiveCloseCode = (typeof LIVE_CLOSE_CODES)[keyof typeof LIVE_CLOSE_CODES];
