import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkResponse, PermanentDeliveryError } from '../src/delivery/delivery-error.js';
import { postJson } from '../src/delivery/post-json.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A loopback server answering each request with `answer`; counts its connections. */
async function serve(answer: (res: ServerResponse, body: string) => void) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => answer(res, body));
  });
  const seen = { connections: 0 };
  server.on('connection', () => seen.connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen };
}

describe('postJson (the receivers\u2019 HTTP client)', () => {
  it('posts the body with its headers, and reuses kept-alive connections', async () => {
    const bodies: string[] = [];
    const { url, seen } = await serve((res, body) => {
      bodies.push(body);
      res.end('ok');
    });
    for (let i = 0; i < 20; i++) {
      const answer = await postJson(
        url,
        { 'content-type': 'application/json' },
        `{"n":${i}}`,
        2000,
      );
      expect(answer).toMatchObject({ ok: true, status: 200 });
    }
    expect(bodies).toEqual(Array.from({ length: 20 }, (_, n) => `{"n":${n}}`));
    // Not one per request (undici may open a second while the first is being released).
    expect(seen.connections).toBeLessThanOrEqual(2);
  });

  it('does not follow a redirect: a 3xx is a refusal, retried never', async () => {
    let hits = 0;
    const { url } = await serve((res) => {
      hits++;
      res.writeHead(307, { location: '/elsewhere' }).end('moved');
    });
    const answer = await postJson(url, {}, '{}', 2000);
    expect(answer.status).toBe(307);
    const error = await checkResponse('the webhook', answer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toBe('the webhook answered 307: moved');
    expect(hits).toBe(1);
  });

  it('keeps the start of a refusal\u2019s body for the message, however long it is', async () => {
    const { url } = await serve((res) => res.writeHead(503).end('x'.repeat(1_000_000)));
    const answer = await postJson(url, {}, '{}', 2000);
    const error = await checkResponse('the webhook', answer).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toBe(`the webhook answered 503: ${'x'.repeat(300)}`);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const { url } = await serve(() => undefined);
    const started = Date.now();
    await expect(postJson(url, {}, '{}', 300)).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('bounds the whole read of a refusal a receiver drips out byte by byte', async () => {
    const { url } = await serve((res) => {
      res.writeHead(500);
      const drip = setInterval(
        () => (res.writableEnded ? clearInterval(drip) : res.write('.')),
        50,
      );
      res.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const answer = await postJson(url, {}, '{}', 400);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toMatch(/^\.+$/);
  });
});
