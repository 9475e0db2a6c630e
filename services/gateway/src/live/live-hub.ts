import type { LiveServerMessage } from '@slawatch/wire';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { Principal } from '../auth/principal.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { CLOSE } from './close-codes.js';
import {
  clientMessageSchema,
  errorMessage,
  readClientMessage,
  type ClientMessageSchema,
  type ViewRequest,
} from './client-message.js';
import { LiveClient } from './live-client.js';
import type { LiveLimitCounts } from './live-limit-counts.js';
import type { LiveOptions } from './live-options.js';
import { LiveView } from './live-view.js';
import { MessageRate } from './message-rate.js';
import { Repeating } from './repeating.js';
import { subscription, type Subscription } from './subscription.js';
import { TokenHolds } from './token-holds.js';
import { viewKey, viewQuery } from './view-query.js';
import { ViewReads } from './view-reads.js';

export type { LiveLimitCounts };

type Client = LiveClient<Subscription>;
type View = LiveView<Subscription>;

/** Longest a queued message waits for the other views being read (`scheduleFlush`). */
const FLUSH_HOLD_MS = 20;

declare module 'fastify' {
  interface FastifyInstance {
    /** The live stream (register-live-stream.ts): its clients, views and counters. */
    live: LiveHub;
  }
}

/**
 * The live stream of one gateway: its clients, the distinct views they subscribe to, and
 * the deltas that make those views be read again. Every gateway hears every delta (one
 * subscriber connection each), so clients of any instance see the same numbers.
 *
 * `clients`, `views`, `updatesSent` and `clientsDropped` are for the gateway's metrics.
 */
export class LiveHub {
  private readonly clientSet = new Set<Client>();
  private readonly viewMap = new Map<string, View>();
  /** Clients over the soft limit, checked every sweep until they catch up. */
  private readonly backedUp = new Set<Client>();
  /** Clients with messages queued since the last flush. */
  private readonly toFlush = new Set<Client>();
  private flushScheduled = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly reads: ViewReads<Subscription>;
  private readonly holds = new TokenHolds();
  /** Counts of the limits' refusals, for tests and logs. */
  readonly limited: LiveLimitCounts = { messages: 0, floods: 0, connections: 0, views: 0 };
  private readonly schema: ClientMessageSchema;
  /** Each runs only while it has work (views, clients, clients backed up): none when idle. */
  private readonly refresh: Repeating;
  private readonly heartbeats: Repeating;
  private readonly sweeps: Repeating;
  private unsubscribe: (() => Promise<void>) | null = null;
  private closed = false;
  private sent = 0;
  private dropped = 0;

  constructor(
    private readonly deps: GatewayDeps,
    readonly options: LiveOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.schema = clientMessageSchema(deps.policies.metrics.windows.map((w) => w.name));
    this.reads = new ViewReads(deps, options, log, {
      changed: (view) => this.fanOut(view),
      allEnded: () => {
        if (this.toFlush.size > 0) this.scheduleFlush();
      },
    });
    const { refreshMs, heartbeatMs, maxBackedUpMs } = options;
    // Every view is read at least every 1.5 refreshMs.
    this.refresh = new Repeating(refreshMs, () => {
      for (const view of this.viewMap.values()) view.refreshIfIdle(refreshMs / 2);
    });
    this.heartbeats = new Repeating(heartbeatMs, () => this.heartbeat());
    this.sweeps = new Repeating(Math.max(10, Math.min(100, maxBackedUpMs / 4)), () => this.sweep());
  }

  /** Connected sockets. */
  get clients(): number {
    return this.clientSet.size;
  }

  /** Distinct views subscribed to. */
  get views(): number {
    return this.viewMap.size;
  }

  /** Snapshot and update messages written to sockets so far. */
  get updatesSent(): number {
    return this.sent;
  }

  /** Clients dropped so far for reading too slowly or not answering pings. */
  get clientsDropped(): number {
    return this.dropped;
  }

  /** View reads dropped so far without running: their view closed while they waited. */
  get readsDropped(): number {
    return this.reads.dropped;
  }

  /** View reads started so far (each one reads Redis). */
  get readsRun(): number {
    return this.reads.started;
  }

  /** View reads running, and waiting for a slot, now. */
  get viewReads(): { readonly running: number; readonly waiting: number } {
    return this.reads.slots;
  }

  /**
   * Starts hearing deltas; resolves once subscribed, so no later delta is missed. Views
   * exist only while subscribed to: a gateway nobody watches reads nothing.
   */
  async start(): Promise<void> {
    this.unsubscribe = await this.deps.deltas.subscribe((delta) => {
      for (const view of this.viewMap.values()) view.invalidate(delta.publishedAt);
    });
  }

  /** Takes a socket whose upgrade was authenticated. */
  accept(socket: WebSocket, principal: Principal): void {
    if (this.closed) {
      socket.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      return;
    }
    const { messagesPerSecond, messageBurst, maxConnectionsPerToken } = this.options;
    const client: Client = new LiveClient(
      socket,
      principal.tokenId,
      principal.teams,
      this.options.softLimitBytes,
      new MessageRate(messagesPerSecond, messageBurst, performance.now()),
    );
    const connections = this.holds.connectionsOf(principal.tokenId);
    if (connections >= maxConnectionsPerToken) {
      this.limited.connections++;
      this.log.warn(
        { tokenId: principal.tokenId, connections },
        'live client refused: its token has the most connections allowed',
      );
      const { code, reason } = CLOSE.tooManyConnections;
      void client.close(code, reason, this.options.closeGraceMs);
      return;
    }
    this.holds.connected(principal.tokenId);
    this.clientSet.add(client);
    this.heartbeats.start();
    socket.on('message', (data, isBinary) => this.receive(client, data, isBinary));
    socket.on('pong', () => (client.alive = true));
    socket.on('close', () => this.forget(client));
  }

  /** Closes every socket (1001) and stops hearing deltas. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const repeating of [this.refresh, this.heartbeats, this.sweeps]) repeating.end();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const view of this.viewMap.values()) view.close();
    const { code, reason } = CLOSE.goingAway;
    const clients = [...this.clientSet];
    await Promise.all([
      this.unsubscribe?.(),
      ...clients.map((c) => c.close(code, reason, this.options.closeGraceMs)),
    ]);
  }

  private receive(client: Client, data: RawData, isBinary: boolean): void {
    if (this.closed || !this.clientSet.has(client)) return;
    // Before the message is even parsed: a flood costs the gateway as little as can be.
    if (!client.rate.take(performance.now())) return this.overRate(client);
    const read = readClientMessage(this.schema, data, isBinary, this.options.maxMessageBytes);
    if (!read.ok) return this.reply(client, read.error);
    const { message } = read;
    switch (message.type) {
      case 'subscribe':
        return this.subscribe(client, message.id, message.view);
      case 'unsubscribe': {
        const sub = client.subscriptions.get(message.id);
        if (!sub)
          return this.reply(client, errorMessage('SLW_LIVE_SUBSCRIPTION_UNKNOWN', [], message.id));
        this.remove(sub);
        return this.reply(client, { type: 'unsubscribed', id: message.id });
      }
    }
  }

  /** Subscribing again under an id replaces what that id showed. */
  private subscribe(client: Client, id: string, request: ViewRequest): void {
    const existing = client.subscriptions.get(id);
    const max = this.options.maxSubscriptions;
    if (!existing && client.subscriptions.size >= max)
      return this.reply(client, errorMessage('SLW_LIVE_SUBSCRIPTIONS_LIMIT', [max], id));
    const resolved = viewQuery(request, client.teams, this.deps.policies.metrics.windows);
    if (!resolved.ok)
      return this.reply(
        client,
        errorMessage('SLW_LIVE_TEAMS_LIMITED', [resolved.message], id, resolved.path),
      );
    const key = viewKey(resolved.query);
    const maxViews = this.options.maxViewsPerToken;
    if (!this.holds.mayHold(client.tokenId, key, maxViews, existing?.view.key)) {
      this.limited.views++;
      return this.reply(client, errorMessage('SLW_LIVE_VIEWS_LIMIT', [maxViews], id));
    }
    if (existing) this.remove(existing);
    let view = this.viewMap.get(key);
    if (!view) {
      view = new LiveView<Subscription>(key, resolved.query, this.reads, client);
      this.viewMap.set(key, view);
      this.refresh.start();
      view.invalidate();
    }
    const sub = subscription(id, client, view);
    client.subscriptions.set(id, sub);
    view.subscriptions.add(sub);
    this.holds.subscribed(client.tokenId, key);
    // A view already read answers at once; a new one when its first read completes.
    if (view.body) this.deliver(sub, view.body);
  }

  private fanOut(view: View): void {
    for (const sub of view.subscriptions) this.deliver(sub, view.body!);
  }

  /** Queues the message, to be written with the others of its client (`scheduleFlush`). */
  private deliver(sub: Subscription, body: Buffer): void {
    sub.client.queue(sub, body);
    this.toFlush.add(sub.client);
    this.scheduleFlush();
  }

  /**
   * Writes the queues once the views being read (those a delta made read together) are
   * all read, or FLUSH_HOLD_MS after the first was queued: a client then gets its views'
   * messages in one write, and on loopback the write (system call) is most of the cost.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    if (this.reads.inProgress > 0) {
      this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_HOLD_MS);
      return;
    }
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const client of this.toFlush) {
      if (!this.clientSet.has(client)) continue;
      this.sent += client.flush();
      this.checkLimits(client);
    }
    this.toFlush.clear();
  }

  private reply(client: Client, message: LiveServerMessage) {
    client.send(JSON.stringify(message));
    this.checkLimits(client);
  }

  /** After a write: over the hard limit, the client goes; over the soft one, it is watched. */
  private checkLimits(client: Client): void {
    if (client.buffered > this.options.hardLimitBytes) this.drop(client, 'over the hard limit');
    else if (client.checkBackedUp(Date.now())) {
      this.backedUp.add(client);
      this.sweeps.start();
    }
  }

  private remove(sub: Subscription): void {
    const { client, view } = sub;
    if (client.subscriptions.get(sub.id) === sub) client.subscriptions.delete(sub.id);
    client.release(sub);
    this.holds.unsubscribed(client.tokenId, view.key);
    view.subscriptions.delete(sub);
    if (view.subscriptions.size === 0) {
      view.close();
      this.viewMap.delete(view.key);
      if (this.viewMap.size === 0) this.refresh.stop();
    }
  }

  private forget(client: Client): void {
    if (!this.clientSet.delete(client)) return;
    this.backedUp.delete(client);
    this.toFlush.delete(client);
    for (const sub of client.subscriptions.values()) this.remove(sub);
    this.holds.disconnected(client.tokenId);
    if (this.clientSet.size === 0) this.heartbeats.stop();
  }

  /**
   * A message over the client's rate: refused with an error naming the limit, and the
   * client closed (4029) once more than a burst's worth was refused without a pause (a
   * flood; also what bounds the error answers piling up for a client that never reads).
   */
  private overRate(client: Client): void {
    this.limited.messages++;
    const { messagesPerSecond, messageBurst } = this.options;
    if (client.rate.refused <= messageBurst)
      return this.reply(
        client,
        errorMessage('SLW_LIVE_RATE_LIMITED', [messagesPerSecond, messageBurst]),
      );
    this.limited.floods++;
    this.log.warn({ tokenId: client.tokenId }, 'live client closed: it kept sending over the rate');
    this.forget(client);
    const { code, reason } = CLOSE.tooManyMessages;
    void client.close(code, reason, this.options.closeGraceMs);
  }

  /** Queued messages go out once a client has caught up; one that does not is dropped. */
  private sweep(): void {
    const now = Date.now();
    for (const client of this.backedUp) {
      if (client.buffered > this.options.hardLimitBytes) {
        this.drop(client, 'over the hard limit');
        continue;
      }
      this.sent += client.flush();
      if (!client.checkBackedUp(now)) this.backedUp.delete(client);
      else if (now - client.backedUpSince! > this.options.maxBackedUpMs)
        this.drop(client, 'backed up for too long');
    }
    if (this.backedUp.size === 0) this.sweeps.stop();
  }

  private heartbeat(): void {
    const beat = Buffer.from(
      JSON.stringify({
        type: 'heartbeat',
        at: new Date(this.deps.now()).toISOString(),
      } satisfies LiveServerMessage),
    );
    for (const client of this.clientSet) {
      // A backed-up client is judged by the sweep; its pongs may be stuck behind its backlog.
      if (client.backedUpSince !== null) continue;
      if (!client.alive) {
        this.dropped++;
        this.log.info('live client dropped: no pong to the last ping');
        this.forget(client);
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
      client.send(beat);
    }
    void this.closeRevoked();
  }

  /** Closes the sockets of tokens revoked since they connected (one Redis read). */
  private async closeRevoked(): Promise<void> {
    const ids = new Set([...this.clientSet].map((c) => c.tokenId));
    if (ids.size === 0) return;
    let valid: ReadonlySet<string>;
    try {
      valid = await this.deps.tokens.stillValid(ids);
    } catch (error) {
      this.log.warn({ err: error }, "could not check the live clients' tokens");
      return;
    }
    const { code, reason } = CLOSE.revoked;
    for (const client of this.clientSet) {
      if (valid.has(client.tokenId)) continue;
      this.log.info({ tokenId: client.tokenId }, 'live client closed: its token was revoked');
      this.forget(client);
      void client.close(code, reason, this.options.closeGraceMs);
    }
  }

  private drop(client: Client, why: string): void {
    if (!this.clientSet.has(client)) return;
    this.dropped++;
    this.log.info(
      { why, buffered: client.buffered, subscriptions: client.subscriptions.size },
      'live client dropped: too slow',
    );
    this.forget(client);
    const { code, reason } = CLOSE.tooSlow;
    void client.close(code, reason, this.options.closeGraceMs);
  }
}
