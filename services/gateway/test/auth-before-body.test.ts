import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

const gw = useGateway();
let base = '';

beforeAll(async () => {
  await gw.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
});
afterAll(() => gw.app.close());

const HEAD = Buffer.from('{"policies":{},"events":[');
const FILLER = Buffer.from('1,'.repeat(32 * 1024));
const TAIL = Buffer.from('1]}');

/**
 * POSTs valid JSON of `chunks` 64 KiB pieces (one reused buffer, each written after the
 * last drained, so the client holds next to nothing), but sends only `sent` of them, and
 * waits for the answer: a server that reads bodies before authenticating does not answer
 * while the rest is missing.
 */
async function post(
  path: string,
  chunks: number,
  sent = chunks,
  token: string | null = null,
): Promise<{ status: number; body: string }> {
  const announced = HEAD.length + chunks * FILLER.length + TAIL.length;
  const req = request(`${base}${path}`, {
    method: 'POST',
    headers: {
      ...as(token),
      'content-type': 'application/json',
      'content-length': String(announced),
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', (error) => {
      if (!/ECONNRESET|EPIPE|socket hang up/.test(error.message)) reject(error);
    });
    req.setTimeout(10_000, () => reject(new Error('no answer within 10 s')));
  });
  let answered = false;
  void answer.then(() => (answered = true));
  req.write(HEAD);
  for (let i = 0; i < sent && !answered; i++)
    if (!req.write(FILLER)) await Promise.race([new Promise((r) => req.once('drain', r)), answer]);
  if (!answered && sent === chunks) req.end(TAIL);
  const got = await answer;
  // An answer before the whole body: the rest is never sent, the connection goes.
  req.destroy();
  return got;
}

/** 15.5 MiB of JSON. */
const CHUNKS = 248;

describe('authentication before the body', () => {
  it('answers an anonymous request with invalid JSON 401, not 400', async () => {
    for (const url of ['/api/v1/simulate', '/api/v1/policies/validate', '/api/v1/tokens']) {
      const res = await gw.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: '{"not json',
      });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    // With a token, the same body is a 400 that says why.
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: { ...as(TOKENS.read), 'content-type': 'application/json' },
      payload: '{"not json',
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers an anonymous 15.5 MB POST 401 without waiting for its body', async () => {
    const res = await post('/api/v1/simulate', CHUNKS, 4);
    expect(res.status).toBe(401);
    expect(res.body).toContain('a bearer token is required');
  });

  it('keeps its memory when anonymous 15.5 MB bodies arrive in full', async () => {
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 8; i++) {
      const res = await post('/api/v1/simulate', CHUNKS);
      expect(res.status).toBe(401);
    }
    // Buffering them would hold 124 MB of bodies and more of strings.
    const grownMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(grownMb).toBeLessThan(64);
  });
});

describe('body limits per route', () => {
  it('refuses a policy document over 1 MiB and a token body over 16 KiB with 413', async () => {
    const validate = await post('/api/v1/policies/validate', 17, 17, TOKENS.read);
    expect(validate.status).toBe(413);
    const token = await post('/api/v1/tokens', 1, 1, TOKENS.admin);
    expect(token.status).toBe(413);
  });
});
