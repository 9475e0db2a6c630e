import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { NotificationBody } from '@slawatch/alerter';

/**
 * A real HTTP webhook receiver on loopback: it keeps every body it is sent (retries and
 * redeliveries included), can answer slowly, and can go down (port closed, connections
 * cut) and come back on the same port, as a receiver behind an outage would.
 */
export class WebhookReceiver {
  /** Every notification received, in arrival order, repeats included. */
  readonly received: NotificationBody[] = [];
  private readonly sockets = new Set<Socket>();
  private delayMs = 0;
  private server: Server;

  private constructor(private port = 0) {
    this.server = this.makeServer();
  }

  static async start(options: { delayMs?: number } = {}): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.delayMs = options.delayMs ?? 0;
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** How many times each notification id arrived. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const b of this.received) counts.set(b.id, (counts.get(b.id) ?? 0) + 1);
    return counts;
  }

  /** Stops listening and cuts every open connection: senders get refused or reset. */
  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    this.server = this.makeServer();
    await this.listen();
  }

  stop(): Promise<void> {
    return this.down();
  }

  private makeServer(): Server {
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        // Counted on arrival: a sender killed while waiting for the answer has still
        // delivered it once, and will deliver it again.
        this.received.push(JSON.parse(body) as NotificationBody);
        setTimeout(() => res.end(), this.delayMs);
      });
    });
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return server;
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }
}
