import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A webhook receiver on loopback for the services under test: answers 200, keeps bodies. */
export interface LocalHook {
  readonly url: string;
  /** Every body received, parsed, in arrival order. */
  readonly received: unknown[];
  close(): void;
}

export async function startLocalHook(): Promise<LocalHook> {
  const received: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => server.close() };
}
