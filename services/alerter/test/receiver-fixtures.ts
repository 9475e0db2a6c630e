import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification } from '@slawatch/core';

/** A local HTTP endpoint that answers as told and keeps every request it got. */
export class LocalEndpoint {
  readonly got: { headers: IncomingMessage['headers']; body: string; at: number }[] = [];
  /** The status answered to each request, in order. */
  readonly statuses: number[] = [];
  /** Status codes to answer, in order; 200 (or `fallback`) once they run out. */
  answers: number[] = [];
  private readonly server: Server;

  /** What it answers once `answers` run out. */
  constructor(public fallback = 200) {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.got.push({ headers: req.headers, body, at: Date.now() });
        res.statusCode = this.answers.shift() ?? this.fallback;
        this.statuses.push(res.statusCode);
        res.end(res.statusCode < 300 ? 'ok' : 'nope');
      });
    });
  }

  async listen(path = '/'): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  json<T>(): T[] {
    return this.got.map((g) => JSON.parse(g.body) as T);
  }

  close(): void {
    this.server.close();
  }
}

let n = 0;
/** A breach notification of a new ticket, changed by `over`. */
export function breachNotification(over: Partial<Notification> = {}): Notification {
  n += 1;
  return {
    id: `T-${n}/firstResponse:1:breached/r`,
    receiver: 'r',
    action: 'trigger',
    alertKey: `T-${n}/firstResponse/1/breach`,
    ticketId: `T-${n}`,
    cycle: 1,
    labels: {
      team: 'emea',
      priority: 'urgent',
      policy: 'gold',
      clock: 'firstResponse',
      level: 'breach',
      customerTier: null,
    },
    time: Date.parse('2026-11-23T09:15:00Z'),
    deadline: Date.parse('2026-11-23T09:15:00Z'),
    deliverAt: 0,
    ...over,
  };
}
