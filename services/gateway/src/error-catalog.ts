import { LIVE_CLOSE_CODES } from '@slawatch/wire';

/**
 * Every error the gateway answers with, by stable code. A code never changes meaning once
 * published: clients and runbooks key on it, while the message (which names what is wrong
 * and where) may be reworded. docs/errors.md documents each one; a test keeps the two equal.
 *
 * `status` is the HTTP status of a REST answer; live-stream errors (`SLW_LIVE_…`) are
 * `{"type":"error"}` messages on an open websocket, whose connection stays open, and carry
 * the status the same problem would have on a REST route. The stream's closes
 * (`SLW_LIVE_CLOSED_…`) have a websocket `close` code too, and their message is the close
 * reason: a close frame has room for a number and a reason only, so docs/errors.md maps the
 * close code to the catalog code.
 */
interface CatalogEntry<A extends readonly unknown[]> {
  readonly status: number;
  readonly close?: number;
  readonly message: (...args: A) => string;
}

const entry = <A extends readonly unknown[]>(
  status: number,
  message: (...args: A) => string,
): CatalogEntry<A> => ({ status, message });

/** A close of the live stream: its websocket close code and its fixed reason. */
const closing = (status: number, close: number, reason: string) =>
  ({ status, close, message: () => reason }) as const;

export const ERROR_CATALOG = {
  // Authentication and scopes (every /api route).
  SLW_AUTH_TOKEN_REQUIRED: entry(401, () => 'a bearer token is required'),
  SLW_AUTH_TOKEN_UNKNOWN: entry(401, () => 'unknown or revoked token'),
  SLW_AUTH_SCOPE_MISSING: entry(403, (scope: string) => `this token lacks the "${scope}" scope`),
  SLW_AUTH_TEAMS_LIMITED: entry(403, (message: string) => message),
  // Requests.
  SLW_REQUEST_INVALID: entry(400, () => 'invalid request'),
  SLW_REQUEST_MALFORMED: entry(400, (message: string) => message),
  SLW_REQUEST_TOO_LARGE: entry(
    413,
    (limit: number, route: string) =>
      `the request body is larger than the limit of ${limit} bytes for ${route}`,
  ),
  SLW_RATE_LIMITED: entry(429, (message: string) => message),
  SLW_ROUTE_NOT_FOUND: entry(404, (method: string, path: string) => `no route ${method} ${path}`),
  SLW_INTERNAL_ERROR: entry(500, () => 'internal error'),
  // Resources.
  SLW_TICKET_NOT_FOUND: entry(404, (ticketId: string) => `no ticket "${ticketId}"`),
  SLW_TOKEN_NOT_FOUND: entry(404, (id: string) => `no stored token "${id}"`),
  SLW_TOKEN_TEAMS_OUTSIDE: entry(
    403,
    () => 'this token may only create tokens limited to its teams',
  ),
  SLW_LIVE_UPGRADE_REQUIRED: entry(
    426,
    () => 'this route is a websocket: connect with Upgrade: websocket',
  ),
  // Simulate.
  SLW_POLICY_INVALID: entry(400, () => 'invalid policy document'),
  SLW_SIMULATE_TOO_MANY_TICKETS: entry(
    422,
    (tickets: number, limit: number) =>
      `simulate: the events name ${tickets} tickets, more than the limit of ${limit} (SLAWATCH_SIMULATE_MAX_TICKETS)`,
  ),
  SLW_SIMULATE_TIMEOUT: entry(
    422,
    (limitMs: number, progress: string) =>
      `simulate: not finished within the limit of ${limitMs} ms (SLAWATCH_SIMULATE_TIMEOUT); ${progress} done, send fewer`,
  ),
  SLW_SIMULATE_BUSY: entry(
    429,
    (running: number) =>
      `simulate: ${running} simulations are running, the limit (SLAWATCH_SIMULATE_CONCURRENCY); try again when one has finished`,
  ),
  // Background jobs (backtests, reports): the first three answer requests, the rest come
  // in a failed job's `error`, with the status the same problem would have as an answer.
  SLW_JOB_NOT_FOUND: entry(
    404,
    (id: string) => `no job "${id}" (jobs are kept a day after their last change)`,
  ),
  SLW_JOB_BUSY: entry(
    429,
    (running: number) =>
      `${running} background jobs (backtests, reports) are running on this gateway, the limit (SLAWATCH_JOB_CONCURRENCY); try again when one has finished`,
  ),
  SLW_JOB_NOT_DONE: entry(
    409,
    (id: string, state: string) =>
      `job "${id}" has no report to render: it is ${state} (GET the job for its progress or error)`,
  ),
  SLW_JOB_FINISHED: entry(
    409,
    (id: string, state: string) => `job "${id}" is no longer running (${state})`,
  ),
  SLW_JOB_TOO_LARGE: entry(
    422,
    (limit: number) =>
      `the events topic holds more than ${limit} events (SLAWATCH_JOB_MAX_EVENTS); run \`slawatch backtest\` or \`slawatch report\` over a file, or raise the limit`,
  ),
  SLW_JOB_TIMEOUT: entry(
    422,
    (limitMs: number, progress: string) =>
      `not finished within ${limitMs} ms (SLAWATCH_JOB_TIMEOUT); ${progress}; run \`slawatch backtest\` or \`slawatch report\` instead`,
  ),
  SLW_JOB_STOPPED: entry(503, (why: string) => `${why}; start it again`),
  SLW_JOB_READ_FAILED: entry(
    503,
    (topic: string, reason: string) => `reading the events topic "${topic}" failed: ${reason}`,
  ),
  // Events over HTTP (POST /api/v1/events).
  SLW_EVENTS_INVALID: entry(400, () => 'no event of the request is valid: nothing was written'),
  SLW_EVENTS_TOO_MANY: entry(
    413,
    (events: number, limit: number) =>
      `the request holds ${events} events, more than the limit of ${limit} (SLAWATCH_INGEST_MAX_EVENTS); send them in several requests`,
  ),
  SLW_EVENTS_BUSY: entry(
    503,
    (waiting: number) =>
      `${waiting} requests are waiting for Kafka, the limit (SLAWATCH_INGEST_CONCURRENCY): nothing was written; send again after Retry-After`,
  ),
  SLW_INGEST_SIGNATURE_INVALID: entry(
    401,
    (helpdesk: string, why: string) => `${helpdesk} webhook signature: ${why}`,
  ),
  SLW_EVENTS_UNAVAILABLE: entry(
    503,
    (timeoutMs: number) =>
      `Kafka did not acknowledge the events within ${timeoutMs} ms (SLAWATCH_INGEST_TIMEOUT): some or none were written; send the same request again after Retry-After, repeated events are ignored`,
  ),
  // The live stream: error messages on the websocket, which stays open.
  SLW_LIVE_MESSAGE_BINARY: entry(400, () => 'send JSON text messages'),
  SLW_LIVE_MESSAGE_TOO_LARGE: entry(
    400,
    (maxBytes: number) => `a message may have at most ${maxBytes} bytes`,
  ),
  SLW_LIVE_MESSAGE_NOT_JSON: entry(400, () => 'not JSON'),
  SLW_LIVE_MESSAGE_INVALID: entry(400, (problem: string) => problem),
  SLW_LIVE_SUBSCRIPTION_UNKNOWN: entry(404, () => 'no such subscription'),
  SLW_LIVE_SUBSCRIPTIONS_LIMIT: entry(
    429,
    (max: number) => `at most ${max} subscriptions per connection`,
  ),
  SLW_LIVE_VIEWS_LIMIT: entry(
    429,
    (max: number) => `at most ${max} distinct views per token: this one was not made`,
  ),
  SLW_LIVE_RATE_LIMITED: entry(
    429,
    (perSecond: number, burst: number) =>
      `too many messages: at most ${perSecond} a second (bursts of ${burst}); this one was not read`,
  ),
  SLW_LIVE_TEAMS_LIMITED: entry(403, (message: string) => message),
  // The live stream's closes, with the close codes @slawatch/wire promises clients.
  SLW_LIVE_CLOSED_SHUTDOWN: closing(
    503,
    LIVE_CLOSE_CODES.goingAway,
    'the gateway is shutting down',
  ),
  SLW_LIVE_CLOSED_REVOKED: closing(401, LIVE_CLOSE_CODES.revoked, 'the token was revoked'),
  SLW_LIVE_CLOSED_TOO_SLOW: closing(
    408,
    LIVE_CLOSE_CODES.tooSlow,
    'too slow: the client did not keep up with the stream',
  ),
  SLW_LIVE_CLOSED_FLOOD: closing(
    429,
    LIVE_CLOSE_CODES.tooManyMessages,
    'too many messages: over the rate limit',
  ),
  SLW_LIVE_CLOSED_CONNECTIONS: closing(
    429,
    LIVE_CLOSE_CODES.tooManyConnections,
    'too many connections for this token',
  ),
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** The arguments the message of `code` takes. */
export type ErrorArgs<C extends ErrorCode> = Parameters<(typeof ERROR_CATALOG)[C]['message']>;

/** The message of `code` with its arguments. */
export const errorText = <C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): string =>
  (ERROR_CATALOG[code].message as (...a: ErrorArgs<C>) => string)(...args);

/**
 * The error body as an OpenAPI schema, its `code` an enum of the catalog, so clients
 * generated from /openapi.json know every code (docs/errors.md says what each means).
 */
export const ERROR_BODY_SCHEMA = {
  type: 'object' as const,
  required: ['error', 'code'],
  properties: {
    error: { type: 'string' as const, description: 'what is wrong and where, for people' },
    // Closes never come as a body.
    code: {
      type: 'string' as const,
      enum: Object.entries(ERROR_CATALOG)
        .filter(([, e]) => !('close' in e))
        .map(([code]) => code),
    },
    problems: {
      type: 'array' as const,
      description: 'each bad field with its path, on SLW_REQUEST_INVALID and SLW_POLICY_INVALID',
      items: {
        type: 'object' as const,
        required: ['path', 'message'],
        properties: { path: { type: 'string' as const }, message: { type: 'string' as const } },
      },
    },
  },
};
