import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Collector } from '@slawatch/test';
import { pages } from './zendesk-export-fixtures.js';

/** A Zendesk look-alike serving the fixture pages by `start_time`. */
export class FakeZendesk {
  readonly requests: { url: string; authorization: string | undefined }[] = [];
  /** 429s to answer before the next success. */
  rateLimits = 0;
  /** Answer 500 to requests for this start time while set. */
  failAt: number | null = null;
  /** Answer this status to every request while set. */
  refuseWith: number | null = null;
  /** Leave requests for this start time unanswered (a slow Zendesk) while set. */
  holdAt: number | null = null;
  /** Every request, as it arrives. */
  arrivals = new Collector<string>();
  private server: Server | null = null;
  base = '';

  async start(): Promise<void> {
    this.requests.length = 0;
    this.rateLimits = 0;
    this.failAt = null;
    this.refuseWith = null;
    this.holdAt = null;
    this.arrivals = new Collector<string>();
    this.server = createServer((req, res) => this.answer(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    this.server?.close();
    if (this.server) await once(this.server, 'close');
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    this.requests.push({ url: url.toString(), authorization: req.headers.authorization });
    this.arrivals.push(url.toString());
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (this.refuseWith !== null)
      return json(this.refuseWith, { error: "Couldn't authenticate you" });
    if (url.pathname !== '/api/v2/incremental/ticket_events.json')
      return json(404, { error: 'InvalidEndpoint' });
    if (this.rateLimits > 0) {
      this.rateLimits -= 1;
      return json(429, { error: 'APIRateLimitExceeded' }, { 'retry-after': '1' });
    }
    const start = Number(url.searchParams.get('start_time'));
    if (this.holdAt === start) return;
    if (this.failAt === start) return json(500, { error: 'InternalError' });
    const starts = [Date.parse('2026-11-30T09:00:00Z') / 1000, ...pages.map((p) => p.end_time)];
    const index = starts.indexOf(start);
    if (index === -1) return json(400, { error: `no page at ${start}` });
    // After the last page: nothing new, end of stream.
    const page = pages[index] ?? {
      ticket_events: [],
      end_time: start,
      end_of_stream: true,
      next_page: `x?start_time=${start}`,
      count: 0,
    };
    // next_page on this server, without the sideload: the importer must keep asking for it.
    const next = new URL(this.base);
    next.pathname = url.pathname;
    next.searchParams.set('start_time', String(page.end_time));
    json(200, { ...page, next_page: next.toString() });
  }
}
