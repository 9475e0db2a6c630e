import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../src/error-catalog.js';
import { as, SIMULATE, TOKENS, useGateway } from './gateway-fixture.js';

const codes = Object.keys(ERROR_CATALOG);
const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
/** Each documented code with its status: the rows of the tables in docs/errors.md. */
const documented = [...doc.matchAll(/^\| `(SLW_[A-Z0-9_]+)`\s*\|\s*([^|]+?)\s*\|/gm)].map((m) => ({
  code: m[1]!,
  status: m[2]!,
}));

/** What docs/errors.md shows in the status column: the close code of a close, else the status. */
const statusOrClose = (code: string): number => {
  const entry: { status: number; close?: number } =
    ERROR_CATALOG[code as keyof typeof ERROR_CATALOG];
  return entry.close ?? entry.status;
};

describe('the error catalog', () => {
  it('has well-formed codes, each with a 4xx or 5xx status', () => {
    for (const [code, { status }] of Object.entries(ERROR_CATALOG)) {
      expect(code).toMatch(/^SLW_[A-Z]+(_[A-Z0-9]+)+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('gives each live-stream close a websocket close code and a reason that fits a close frame', () => {
    const closes = Object.entries(ERROR_CATALOG).filter(([code]) =>
      code.startsWith('SLW_LIVE_CLOSED_'),
    );
    expect(closes.length).toBeGreaterThan(0);
    for (const [code, entry] of closes) {
      const { close, message } = entry as { close?: number; message: () => string };
      expect(close, code).toBeGreaterThanOrEqual(1000);
      expect(close, code).toBeLessThan(5000);
      // RFC 6455 5.5: a control frame's payload is at most 125 bytes, 2 of them the code.
      expect(Buffer.byteLength(message()), code).toBeLessThanOrEqual(123);
    }
  });

  it('is documented in docs/errors.md, each code once, with its status', () => {
    const rows = documented.map((d) => d.code);
    expect(new Set(rows).size, 'a code documented twice').toBe(rows.length);
    expect([...rows].sort()).toEqual([...codes].sort());
    for (const { code, status } of documented)
      expect(status, code).toContain(String(statusOrClose(code)));
  });
});

describe('error answers', () => {
  const gw = useGateway({ simulate: { maxConcurrent: 0 } });

  it('/openapi.json lists every code an answer body can carry in its Error schema', async () => {
    const doc = (await gw.app.inject({ url: '/openapi.json' })).json<{
      components: { schemas: { Error: { properties: { code: { enum: string[] } } } } };
    }>();
    expect([...doc.components.schemas.Error.properties.code.enum].sort()).toEqual(
      codes.filter((c) => !c.startsWith('SLW_LIVE_CLOSED_')).sort(),
    );
  });
  const answer = async (options: InjectOptions): Promise<{ status: number; code: unknown }> => {
    const res = await gw.app.inject(options);
    return { status: res.statusCode, code: res.json<{ code: unknown }>().code };
  };

  it.each([
    ['no token', { url: '/api/v1/session' }, 401, 'SLW_AUTH_TOKEN_REQUIRED'],
    [
      'an unknown token',
      { url: '/api/v1/session', headers: as('nope') },
      401,
      'SLW_AUTH_TOKEN_UNKNOWN',
    ],
    [
      'a read token on an admin route',
      { url: '/api/v1/tokens', headers: as(TOKENS.read) },
      403,
      'SLW_AUTH_SCOPE_MISSING',
    ],
    [
      'an unknown ticket',
      { url: '/api/v1/tickets/NOPE', headers: as(TOKENS.read) },
      404,
      'SLW_TICKET_NOT_FOUND',
    ],
    [
      'a bad query',
      { url: '/api/v1/breaches?since=yesterday', headers: as(TOKENS.read) },
      400,
      'SLW_REQUEST_INVALID',
    ],
    [
      'an unknown route',
      { url: '/api/v1/nothing', headers: as(TOKENS.read) },
      404,
      'SLW_ROUTE_NOT_FOUND',
    ],
    [
      'a body that is not JSON',
      {
        method: 'POST',
        url: '/api/v1/simulate',
        headers: { ...as(TOKENS.read), 'content-type': 'application/json' },
        payload: '{',
      },
      400,
      'SLW_REQUEST_MALFORMED',
    ],
    [
      'a body over the limit',
      {
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { ...as(TOKENS.admin), 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(20_000) }),
      },
      413,
      'SLW_REQUEST_TOO_LARGE',
    ],
    [
      'a simulation over the concurrency limit',
      { method: 'POST', url: '/api/v1/simulate', headers: as(TOKENS.read), payload: SIMULATE },
      429,
      'SLW_SIMULATE_BUSY',
    ],
  ] satisfies [string, InjectOptions, number, string][])(
    '%s: %i %s',
    async (_what, options, status, code) => {
      expect(await answer(options)).toEqual({ status, code });
    },
  );
});
