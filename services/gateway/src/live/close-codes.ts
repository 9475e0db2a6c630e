import { ERROR_CATALOG, type ErrorCode } from '../error-catalog.js';

/** A close of the catalog: its close code and reason, and the catalog code they stand for. */
const closeOf = <C extends ErrorCode>(error: C) => {
  const { close, message } = ERROR_CATALOG[error] as { close: number; message: () => string };
  return { code: close, reason: message(), error } as const;
};

/** Close codes of the live stream (4000-4999 are the application's own, RFC 6455 7.4.2). */
export const CLOSE = {
  /** The gateway is shutting down: reconnect (to another instance). */
  goingAway: closeOf('SLW_LIVE_CLOSED_SHUTDOWN'),
  /** The client fell too far behind the stream: it read too slowly for too long. */
  tooSlow: closeOf('SLW_LIVE_CLOSED_TOO_SLOW'),
  /** Its token was revoked since it connected: reconnecting with it is refused (401). */
  revoked: closeOf('SLW_LIVE_CLOSED_REVOKED'),
  /** It kept sending over its message rate (`messagesPerSecond`, `messageBurst`). */
  tooManyMessages: closeOf('SLW_LIVE_CLOSED_FLOOD'),
  /** Its token already has `maxConnectionsPerToken` connections to this gateway. */
  tooManyConnections: closeOf('SLW_LIVE_CLOSED_CONNECTIONS'),
} as const;
