import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { MessageRate } from './message-rate.js';

/** What a client writes a view's body under: a subscription (subscription.ts). */
export interface Outgoing {
  /** `{"type":"snapshot","id":"<id>",`: a message is its head then the view's body. */
  readonly snapshotHead: Buffer;
  readonly updateHead: Buffer;
  /** The first message a subscription gets is its snapshot; every later one an update. */
  snapshotSent: boolean;
}

/**
 * One connected socket: its subscriptions and the flow of messages to it. A view's new
 * body is queued (replacing one of the same subscription not yet written), and the queue
 * is written in as few writes to the socket as it takes. While more than `softLimitBytes`
 * wait to go out (a slow reader, a slow network), nothing is written: the queue keeps
 * only the latest body of each subscription (bodies are shared by every subscriber of a
 * view). So a slow client holds at most the soft limit plus one message in its buffer,
 * and gets the latest state rather than every step.
 */
export class LiveClient<S extends Outgoing = Outgoing> {
  /** Its subscriptions by id. */
  readonly subscriptions = new Map<string, S>();
  /** Since when (epoch ms) its buffer has been over the soft limit; null while it is not. */
  backedUpSince: number | null = null;
  /** Answered the last ping. */
  alive = true;
  private readonly queued = new Map<Outgoing, Buffer>();

  constructor(
    readonly socket: WebSocket,
    /** Its token's id: a revoked token's sockets are closed. */
    readonly tokenId: string,
    /** The teams its token may see (null: every team). */
    readonly teams: readonly string[] | null,
    private readonly softLimitBytes: number,
    /** What it may still send. */
    readonly rate: MessageRate,
  ) {}

  get buffered(): number {
    return this.socket.bufferedAmount;
  }

  get backedUp(): boolean {
    return this.socket.bufferedAmount > this.softLimitBytes;
  }

  /** Queues the subscription's latest body, replacing one not yet written. */
  queue(sub: Outgoing, body: Buffer): void {
    this.queued.set(sub, body);
  }

  /** Writes queued messages until none is left or it is backed up; returns how many. */
  flush(): number {
    // ws has no cork of its own; corking its socket makes the frames one write (one
    // system call, which on loopback costs more than the rest of sending a message).
    const tcp = (this.socket as unknown as { _socket?: Duplex })._socket;
    let written = 0;
    while (this.queued.size > 0 && !this.backedUp) {
      tcp?.cork();
      try {
        for (const [sub, body] of this.queued) {
          this.queued.delete(sub);
          this.write(sub, body);
          written++;
          // Corked bytes count too: past the limit, uncork and see what the kernel takes.
          if (this.backedUp) break;
        }
      } finally {
        tcp?.uncork();
      }
    }
    return written;
  }

  /** Notes whether its buffer is over the soft limit now; true while it is. */
  checkBackedUp(now: number): boolean {
    if (this.backedUp) this.backedUpSince ??= now;
    else if (this.queued.size === 0) this.backedUpSince = null;
    return this.backedUpSince !== null;
  }

  /** Forgets what is queued for a subscription that ended. */
  release(sub: Outgoing): void {
    this.queued.delete(sub);
  }

  /** A control message (error, acknowledgement, heartbeat): written at once. */
  send(message: string | Buffer): void {
    this.socket.send(message, { binary: false });
  }

  /**
   * Closes with `code`, and cuts the socket if the close handshake has not finished after
   * `graceMs` (a peer that reads nothing would otherwise hold it for ws' 30 seconds).
   */
  close(code: number, reason: string, graceMs: number): Promise<void> {
    const { socket } = this;
    if (socket.readyState === socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.terminate(), graceMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.close(code, reason);
    });
  }

  private write(sub: Outgoing, body: Buffer): void {
    const head = sub.snapshotSent ? sub.updateHead : sub.snapshotHead;
    sub.snapshotSent = true;
    // One copy of the shared body per client keeps a message one frame.
    this.socket.send(Buffer.concat([head, body], head.length + body.length), { binary: false });
  }
}
