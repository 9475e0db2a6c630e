/** Close codes of the live stream (4000-4999 are the application's own, RFC 6455 7.4.2). */
export const CLOSE = {
  /** The gateway is shutting down: reconnect (to another instance). */
  goingAway: { code: 1001, reason: 'the gateway is shutting down' },
  /** The client fell too far behind the stream: it read too slowly for too long. */
  tooSlow: { code: 4008, reason: 'too slow: the client did not keep up with the stream' },
  /** Its token was revoked since it connected: reconnecting with it is refused (401). */
  revoked: { code: 4001, reason: 'the token was revoked' },
  /** It kept sending over its message rate (`messagesPerSecond`, `messageBurst`). */
  tooManyMessages: { code: 4029, reason: 'too many messages: over the rate limit' },
  /** Its token already has `maxConnectionsPerToken` connections to this gateway. */
  tooManyConnections: { code: 4030, reason: 'too many connections for this token' },
} as const;
