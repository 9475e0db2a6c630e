import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationBody } from '@slawatch/alerter';
import { startPipeline, type Pipeline } from './support/pipeline.js';
import { event } from './support/events.js';

// A 2-second first response, so the breach comes while the test waits.
const POLICIES = `
policies:
  - { id: fast, targets: { firstResponse: 2s } }
alerting:
  receivers: [{ id: hook, type: webhook, urlEnv: E2E_HOOK_URL }]
  route: { receivers: [hook] }
`;

describe('notifications end to end', () => {
  let p: Pipeline;
  let server: Server;
  const got: { body: NotificationBody; at: number }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({ body: JSON.parse(body) as NotificationBody, at: Date.now() });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    p = await startPipeline('notify', POLICIES, { env: { E2E_HOOK_URL: url } });
  });

  afterAll(async () => {
    await p?.stop();
    server?.close();
  });

  const until = async (what: string, ok: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('posts the breach at its deadline, and its resolve when the ticket is answered', async () => {
    const created = Date.now();
    await p.produce([
      event('N-1', created, 'ticket.created', { priority: 'high', channel: 'chat' }),
    ]);
    await until('the breach', () => got.some((g) => g.body.action === 'trigger'));
    const breach = got.find((g) => g.body.action === 'trigger')!;
    expect(breach.body.alert).toMatchObject({
      ticketId: 'N-1',
      level: 'breach',
      clock: 'firstResponse',
    });
    // Delivered within a second of the deadline.
    expect(breach.at - (created + 2000)).toBeLessThan(1000);
    await p.produce([
      event('N-1', Date.now(), 'ticket.commented', { author: 'agent', public: true }),
    ]);
    await until('the resolve', () => got.some((g) => g.body.action === 'resolve'));
    const resolve = got.find((g) => g.body.action === 'resolve')!;
    expect(resolve.body.alert.key).toBe(breach.body.alert.key);
    expect(got).toHaveLength(2);
  });
});
