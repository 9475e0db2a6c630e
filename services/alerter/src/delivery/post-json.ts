import { Agent, request, type Dispatcher } from 'undici';

/** What checkResponse reads of an answer (a fetch Response has it too). */
export interface Answer {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

/** The part of a refusal's body kept for its error message (checkResponse shows 300 chars). */
const ERROR_BODY_BYTES = 4096;

/** How long a connection may take to open (undici's own default, said here). */
const CONNECT_TIMEOUT_MS = 10_000;

// Connections kept open between deliveries: a burst of breaches reuses a few sockets per
// receiver. One agent for the process, a pool per origin.
const agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: CONNECT_TIMEOUT_MS } });

/**
 * POSTs `body` to `url` over kept-alive connections with undici, the client node's own
 * fetch is built on, called directly: about 3 times cheaper per request than node:http
 * with an AbortSignal per request (a loopback measurement, bench/RESULTS.md bench:notify),
 * which counts in a burst of thousands of webhooks. Redirects are not followed (a POST answered 3xx is refused). `timeoutMs`
 * bounds the wait for the answer's headers and the whole read of a refusal's body
 * (opening a connection has CONNECT_TIMEOUT_MS); a 2xx answer's body is discarded unread.
 */
export async function postJson(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
): Promise<Answer> {
  const answer = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    body,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const status = answer.statusCode;
  const ok = status >= 200 && status < 300;
  const text = await readSome(answer.body, ok ? 0 : ERROR_BODY_BYTES, timeoutMs);
  return { ok, status, text: () => Promise.resolve(text) };
}

/**
 * The first `keep` bytes of an answer's body, read to its end (so that the connection is
 * reused) unless it is longer than ERROR_BODY_BYTES or takes more than `timeoutMs` in all
 * (a receiver may drip it): then the connection is dropped.
 */
async function readSome(
  stream: Dispatcher.ResponseData['body'],
  keep: number,
  timeoutMs: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => stream.destroy(), timeoutMs);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (size < keep) chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_BYTES) break;
    }
  } catch {
    // Cut short: what came is enough for the message.
  } finally {
    clearTimeout(timer);
    if (size >= ERROR_BODY_BYTES) stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, keep);
}
