import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
// Its types declare `app.websocketServer`.
import type {} from '@fastify/websocket';
import WebSocket from 'ws';
import type { MetricValues } from '@slawatch/core';
import type { FollowUp, ListedClock, MetricsTrend } from '@slawatch/store';
import { withTimeout } from '@slawatch/test';

/** The data of the five kinds of view, as one loose shape. */
export interface ViewData {
  readonly window?: string;
  readonly dimension?: string;
  readonly values?: Record<string, MetricValues>;
  readonly clocks?: ListedClock[];
  readonly breaches?: ListedClock[];
  readonly followUps?: FollowUp[];
  readonly stepMinutes?: number;
  readonly slices?: MetricsTrend['slices'];
}

/** A server message of the live stream, as a test reads it. */
export interface LiveMessage {
  readonly type: string;
  readonly id?: string;
  readonly at?: string;
  readonly deltaAt?: string;
  readonly message?: string;
  readonly path?: string;
  readonly data?: ViewData;
}

/** Polls `condition` every 10 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Listens on a free loopback port; resolves with the live stream's URL. */
export async function liveUrl(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/live`;
}

/**
 * A wallboard's websocket for tests: every message it gets is kept, and a test awaits the
 * first one matching a predicate rather than sleeping.
 */
export class LiveTestClient {
  readonly received: LiveMessage[] = [];
  readonly pings: number[] = [];
  /** Resolves with the close code and reason once the socket is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as LiveMessage);
      this.wake();
    });
    ws.on('ping', () => {
      this.pings.push(Date.now());
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
  }

  /** Connects with `token` in the Authorization header, or as `access_token` in the URL. */
  static async connect(
    url: string,
    token: string,
    options: { inQuery?: boolean; autoPong?: boolean } = {},
  ): Promise<LiveTestClient> {
    const ws = options.inQuery
      ? new WebSocket(`${url}?access_token=${encodeURIComponent(token)}`, {
          autoPong: options.autoPong ?? true,
        })
      : new WebSocket(url, {
          headers: { authorization: `Bearer ${token}` },
          autoPong: options.autoPong ?? true,
        });
    const client = new LiveTestClient(ws);
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      }),
      5000,
      'the websocket to open',
    );
    return client;
  }

  send(message: object | string): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(id: string, view: object): void {
    this.send({ type: 'subscribe', id, view });
  }

  /** Stops reading from the socket, as a wallboard on a stalled network does. */
  pause(): void {
    tcp(this.ws).pause();
  }

  resume(): void {
    tcp(this.ws).resume();
  }

  /** The first message (from the index `from` on) that `test` accepts. */
  async next(
    test: (m: LiveMessage) => boolean,
    what: string,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<LiveMessage> {
    const { from = 0, timeoutMs = 5000 } = options;
    const found = () => this.received.slice(from).find(test);
    await this.until(() => found() !== undefined, what, timeoutMs);
    return found()!;
  }

  /** Resolves once `condition` holds after some message, ping or close. */
  async until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    if (condition()) return;
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = () => (condition() ? resolve() : this.waiters.push(check));
        this.waiters.push(check);
      }),
      timeoutMs,
      what,
    );
  }

  /** Messages of subscription `id`. */
  of(id: string): LiveMessage[] {
    return this.received.filter((m) => m.id === id);
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

const tcp = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

/** The gateway's end of a test client's websocket (its bufferedAmount is the server's). */
export function serverSocketOf(app: FastifyInstance, client: LiveTestClient): WebSocket {
  const port = tcp(client.ws).localPort;
  const found = [...app.websocketServer.clients].find((s) => tcp(s).remotePort === port);
  if (!found) throw new Error(`no server socket for client port ${port}`);
  return found;
}

/** The HTTP status a refused upgrade answers, and its WWW-Authenticate header. */
export function refusedUpgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; wwwAuthenticate: string | undefined }> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.on('unexpected-response', (_request, response) => {
        resolve({
          status: response.statusCode ?? 0,
          wwwAuthenticate: response.headers['www-authenticate'],
        });
        ws.terminate();
      });
      ws.on('open', () => reject(new Error('the upgrade was accepted')));
      ws.on('error', () => undefined);
    }),
    5000,
    'the upgrade to be refused',
  );
}
