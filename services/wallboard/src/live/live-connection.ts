import { backoffDelay } from './backoff-delay';
import { HeartbeatWatch } from './heartbeat-watch';
import { LIVE_CLOSE_CODES, type LiveViewRequest } from '@slawatch/wire';
import { parseServerMessage, type ServerMessage } from './server-message';

/**
 * What the board can promise about its figures: `connecting` before the first connection,
 * `live` while the server speaks, `stale` when it has gone quiet for two heartbeat
 * intervals, `lost` after a connection dropped (and until a new one opens).
 */
export type ConnectionStatus = 'connecting' | 'live' | 'stale' | 'lost';

/** The part of the browser's WebSocket the connection uses (a fake one in tests). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface LiveConnectionEvents {
  status(status: ConnectionStatus): void;
  message(message: ServerMessage, receivedAt: number): void;
  /**
   * The socket closed before it opened. Browsers do not tell why, so this may be the
   * gateway refusing the token (401) or simply no gateway: the caller finds out which.
   * Reconnecting goes on unless it calls `stop()`.
   */
  refused(): void;
  /** The gateway closed with 4001: the token was revoked. The connection has stopped. */
  revoked(): void;
}

export interface LiveConnectionOptions {
  readonly url: string;
  readonly events: LiveConnectionEvents;
  readonly createSocket?: (url: string) => SocketLike;
  readonly random?: () => number;
}

const WATCH_EVERY_MS = 1_000;

/**
 * One websocket to the gateway's live stream that keeps itself up: it re-sends every
 * subscription on each new socket, reconnects with backoff after any drop (a gateway
 * shutting down, a slow-client close, a lost network), and notices a connection that has
 * gone silent without closing.
 */
export class LiveConnection {
  private socket: SocketLike | null = null;
  private opened = false;
  private everOpened = false;
  private stopped = false;
  private attempt = 0;
  private status: ConnectionStatus = 'connecting';
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private watchTimer: ReturnType<typeof setInterval> | null = null;
  private watch = new HeartbeatWatch(Date.now());
  private readonly subscriptions = new Map<string, LiveViewRequest>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;

  constructor(private readonly options: LiveConnectionOptions) {
    this.createSocket =
      options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.drop();
  }

  /** Subscribes (or replaces the view under `id`); kept and re-sent on every reconnect. */
  subscribe(id: string, view: LiveViewRequest): void {
    this.subscriptions.set(id, view);
    if (this.opened) this.send({ type: 'subscribe', id, view });
  }

  unsubscribe(id: string): void {
    if (this.subscriptions.delete(id) && this.opened) this.send({ type: 'unsubscribe', id });
  }

  /** Skips the backoff wait (the browser says it is back online). */
  retryNow(): void {
    if (this.stopped || this.socket !== null) return;
    this.clearRetry();
    this.connect();
  }

  private connect(): void {
    this.retryTimer = null;
    this.opened = false;
    const socket = this.createSocket(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      this.opened = true;
      this.everOpened = true;
      this.watch = new HeartbeatWatch(Date.now());
      this.startWatch();
      this.setStatus('live');
      for (const [id, view] of this.subscriptions) this.send({ type: 'subscribe', id, view });
    };
    socket.onmessage = (event) => this.received(event.data);
    socket.onclose = (event) => this.closed(event.code, this.opened);
    // An error is always followed by a close, which is where it is handled.
    socket.onerror = () => undefined;
  }

  private received(data: unknown): void {
    const now = Date.now();
    this.watch.heard(now);
    if (this.status === 'stale') this.setStatus('live');
    if (typeof data !== 'string') return;
    const message = parseServerMessage(data);
    if (message === null) return;
    if (message.type === 'heartbeat') this.watch.heartbeat(now);
    // Backoff starts over only once a socket has carried data, so a gateway that accepts
    // and then drops every connection at once is not hammered.
    if (message.type === 'snapshot') this.attempt = 0;
    this.options.events.message(message, now);
  }

  private closed(code: number, wasOpen: boolean): void {
    this.detach();
    if (this.stopped) return;
    if (code === LIVE_CLOSE_CODES.revoked) {
      this.stopped = true;
      this.options.events.revoked();
      return;
    }
    if (!wasOpen) this.options.events.refused();
    if (this.stopped) return;
    this.setStatus(this.everOpened ? 'lost' : 'connecting');
    const delay = backoffDelay(this.attempt++, this.random());
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startWatch(): void {
    this.stopWatch();
    this.watchTimer = setInterval(() => {
      const now = Date.now();
      if (this.watch.shouldGiveUp(now)) {
        // The browser may take minutes to notice a dead peer: do not wait for its close.
        this.drop();
        this.closed(1006, true);
      } else if (this.watch.isStale(now) && this.status === 'live') this.setStatus('stale');
    }, WATCH_EVERY_MS);
  }

  private stopWatch(): void {
    if (this.watchTimer !== null) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Forgets the socket without hearing from it again. */
  private detach(): void {
    this.stopWatch();
    const socket = this.socket;
    this.socket = null;
    this.opened = false;
    if (socket) socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
  }

  private drop(): void {
    const socket = this.socket;
    this.detach();
    try {
      socket?.close(1000);
    } catch {
      // Closing a socket that is still connecting throws in some browsers; it is gone anyway.
    }
  }

  private send(message: object): void {
    this.socket?.send(JSON.stringify(message));
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.events.status(status);
  }
}
