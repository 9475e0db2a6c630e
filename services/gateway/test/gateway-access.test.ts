import { describe, expect, it } from 'vitest';
import { buildGateway } from '../src/index.js';
import { as, SIMULATE, TOKENS, useGateway } from './gateway-fixture.js';

// An empty history: the backtest routes exist (backtest-routes.test.ts runs them).
const gw = useGateway(
  {},
  { history: { read: () => Promise.resolve({ byTicket: new Map(), rejected: 0, events: 0 }) } },
);

// Every route, with what each kind of caller gets.
type Who = 'anonymous' | 'read' | 'emea' | 'admin';
const ROUTES: {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: object;
  expect: Record<Who, number>;
}[] = [
  {
    method: 'GET',
    url: '/healthz',
    expect: { anonymous: 200, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/readyz',
    expect: { anonymous: 200, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/metrics',
    expect: { anonymous: 200, read: 200, emea: 200, admin: 200 },
  },
  {
    // The websocket without its upgrade: the token is checked first (live-auth.test.ts
    // checks the upgrade itself).
    method: 'GET',
    url: '/api/v1/live',
    expect: { anonymous: 401, read: 426, emea: 426, admin: 426 },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/EMEA-1',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/US-1',
    expect: { anonymous: 401, read: 200, emea: 404, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/at-risk',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/breaches',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/open-tickets?status=new',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/outcomes?outcome=breached',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/follow-ups',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/metrics?window=1h&dimension=all',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/metrics?window=1h&dimension=team',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/metrics?dimension=team&values=us',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/metrics/trend?window=1h&dimension=all',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/metrics/trend?window=24h&dimension=team&values=emea',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    // The agents view is one team's tickets only: a token limited to that team may read it.
    method: 'GET',
    url: '/api/v1/agents?team=emea',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/agents?team=us&format=csv',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
  },
  {
    // The assignee dimension mixes every team's tickets: still not for a team-limited token.
    method: 'GET',
    url: '/api/v1/metrics?dimension=assignee',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/session',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/policies',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'POST',
    url: '/api/v1/policies/validate',
    payload: { policies: [] },
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'POST',
    url: '/api/v1/simulate',
    payload: SIMULATE,
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/forecast',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'POST',
    url: '/api/v1/backtest',
    payload: { policies: SIMULATE.policies },
    expect: { anonymous: 401, read: 403, emea: 403, admin: 202 },
  },
  {
    method: 'GET',
    url: '/api/v1/backtest/bt_none',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
  {
    method: 'DELETE',
    url: '/api/v1/backtest/bt_none',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/reports/rp_none',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/reports/rp_none/report.html',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
  {
    method: 'DELETE',
    url: '/api/v1/reports/rp_none',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
  {
    method: 'GET',
    url: '/api/v1/alerts',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/US-1/alerts',
    expect: { anonymous: 401, read: 200, emea: 404, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/tokens',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 200 },
  },
  {
    method: 'POST',
    url: '/api/v1/tokens',
    payload: { name: 'x', scopes: ['read'] },
    expect: { anonymous: 401, read: 403, emea: 403, admin: 201 },
  },
  {
    method: 'DELETE',
    url: '/api/v1/tokens/nope',
    expect: { anonymous: 401, read: 403, emea: 403, admin: 404 },
  },
];

describe('gateway access: tokens, scopes, teams, rate limit', () => {
  it.each(ROUTES)('$method $url: each caller as the table says', async (route) => {
    const who: Record<Who, string | null> = {
      anonymous: null,
      read: TOKENS.read,
      emea: TOKENS.emea,
      admin: TOKENS.admin,
    };
    for (const [name, token] of Object.entries(who) as [Who, string | null][]) {
      const res = await gw.app.inject({
        method: route.method,
        url: route.url,
        headers: as(token),
        ...(route.payload ? { payload: route.payload } : {}),
      });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(route.expect[name]);
      if (res.statusCode === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('refuses an unknown token and a malformed header', async () => {
    for (const authorization of ['Bearer nope', 'Basic abc', 'Bearer'])
      expect(
        (await gw.app.inject({ url: '/api/v1/policies', headers: { authorization } })).statusCode,
      ).toBe(401);
  });

  it('lets an admin create a token that works until it is revoked', async () => {
    const created = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: as(TOKENS.admin),
      payload: { name: 'kiosk', scopes: ['read'], teams: ['emea'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(await gw.redis.hgetall(gw.keys.tokens)).not.toHaveProperty(token);
    expect(JSON.stringify(await gw.redis.hgetall(gw.keys.tokens))).not.toContain(token);
    expect(
      (await gw.app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(token) })).statusCode,
    ).toBe(200);
    expect(
      (await gw.app.inject({ url: '/api/v1/tickets/US-1', headers: as(token) })).statusCode,
    ).toBe(404);
    const listed = await gw.app.inject({ url: '/api/v1/tokens', headers: as(TOKENS.admin) });
    expect(listed.body).not.toContain(TOKENS.read);
    expect(listed.json<{ tokens: { id: string }[] }>().tokens.map((t) => t.id)).toContain(id);
    expect(
      (
        await gw.app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${id}`,
          headers: as(TOKENS.admin),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await gw.app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(token) })).statusCode,
    ).toBe(401);
  });

  it('limits the request rate per client address, whatever token is presented', async () => {
    const limited = await buildGateway({
      deps: { ...gw.deps, readiness: [] },
      rateLimitPerMinute: 3,
    });
    try {
      const codes: number[] = [];
      for (const token of [TOKENS.read, 'made-up-1', 'made-up-2', TOKENS.read])
        codes.push(
          (await limited.inject({ url: '/api/v1/policies', headers: as(token) })).statusCode,
        );
      expect(codes).toEqual([200, 401, 401, 429]);
      // Health checks are never limited.
      expect((await limited.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
