import { connect } from 'node:net';

/**
 * Sends one inline `PING` over a raw TCP connection and resolves with Redis' first reply
 * line (`+PONG` when it is ready, `-LOADING ...` while it replays its AOF). A raw socket
 * keeps start-up free of client-library retry logic that would blur what failed.
 */
export async function redisPing(host: string, port: number, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let reply = '';
    const done = (error: Error | null, line?: string): void => {
      socket.destroy();
      if (error) reject(error);
      else resolve(line ?? '');
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no reply to PING within ${timeoutMs} ms`)));
    socket.once('error', (error) => done(error));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      const end = reply.indexOf('\r\n');
      if (end >= 0) done(null, reply.slice(0, end));
    });
    socket.once('close', () => done(new Error('connection closed before a reply to PING')));
  });
}

/**
 * Pings until Redis answers `+PONG`. There is no event to wait on for "accepting commands",
 * so this retries briefly; `gaveUp` (e.g. the child exiting) ends the wait early.
 */
export async function waitForRedisPong(
  host: string,
  port: number,
  { timeoutMs, gaveUp }: { timeoutMs: number; gaveUp: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no attempt';
  while (Date.now() < deadline) {
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason);
    try {
      last = await redisPing(host, port);
      if (last === '+PONG') return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(
    `redis-server on ${host}:${port} did not answer PING within ${timeoutMs} ms (last: ${last})`,
  );
}
