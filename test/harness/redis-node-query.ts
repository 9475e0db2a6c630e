import { Redis } from 'ioredis';

/**
 * Sends `commands` to one Redis node over a fresh connection, in order, and resolves with
 * their replies. A fresh connection per query, never retried: the cluster harness polls
 * nodes it may just have killed, and a client that reconnects in the background would hide
 * which node stopped answering, or keep a socket to a dead one.
 *
 * @throws when the node cannot be reached or a command fails, naming the node
 */
export async function queryRedisNode(
  host: string,
  port: number,
  commands: readonly (readonly string[])[],
  timeoutMs = 2_000,
): Promise<unknown[]> {
  const client = new Redis({
    host,
    port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // Failures reach the caller through the rejected promises below; without a listener
  // ioredis would also print each one as an unhandled error event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const replies: unknown[] = [];
    for (const [name, ...args] of commands) {
      if (name === undefined) continue;
      replies.push(await client.call(name, ...args));
    }
    return replies;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${host}:${port}: ${reason}`, { cause: error });
  } finally {
    client.disconnect();
  }
}
