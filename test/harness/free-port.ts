import { createServer } from 'node:net';

/**
 * A loopback TCP port that was free a moment ago: the OS picks it when we bind port 0.
 * Someone else may take it before our child binds it, so callers retry on "address in use".
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
