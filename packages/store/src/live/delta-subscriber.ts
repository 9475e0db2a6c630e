import { duplicateClient, type RedisClient } from '../redis-client.js';
import type { Keys } from '../keys.js';
import type { LiveDelta } from './live-delta.js';

/** Stops the listener it was returned for. */
export type Unsubscribe = () => Promise<void>;

/**
 * The live deltas channel, heard on one subscriber connection (a duplicate of `redis`:
 * a connection in subscriber mode can run no other command) however many listeners there
 * are. The connection is opened by the first listener and closed with the last one.
 * ioredis subscribes again by itself after a reconnection; deltas published meanwhile
 * are lost, so a listener must not depend on hearing every one.
 */
export class DeltaSubscriber {
  private readonly listeners = new Set<(delta: LiveDelta) => void>();
  private connection: RedisClient | null = null;
  private subscribed: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    /** Told of connection errors and of messages that are not deltas. */
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /** Calls `listener` with every delta published from now on; resolves once subscribed. */
  async subscribe(listener: (delta: LiveDelta) => void): Promise<Unsubscribe> {
    this.listeners.add(listener);
    if (!this.connection) {
      // Auto-pipelining batches commands of one connection; a subscriber sends none.
      const connection = duplicateClient(this.redis, { enableAutoPipelining: false });
      connection.on('error', (error: Error) => this.onError(error));
      connection.on('message', (_channel: string, text: string) => this.dispatch(text));
      this.connection = connection;
      this.subscribed = connection.subscribe(this.keys.deltas);
    }
    await this.subscribed;
    return async () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      const connection = this.connection;
      this.connection = null;
      await connection?.quit().catch(() => connection.disconnect());
    };
  }

  private dispatch(text: string): void {
    let delta: LiveDelta;
    try {
      delta = JSON.parse(text) as LiveDelta;
    } catch {
      this.onError(new Error(`not a live delta: ${text.slice(0, 80)}`));
      return;
    }
    for (const listener of this.listeners)
      try {
        listener(delta);
      } catch (error) {
        // One failing listener must not keep the delta from the others.
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
  }
}
