import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { parsePolicyDocument, type TicketView } from '@slawatch/core';
import {
  createKeys,
  LiveIndex,
  LiveLists,
  MetricWindows,
  TicketStore,
  TimerQueue,
  updateTickets,
  type UpdateDeps,
} from '@slawatch/store';
import { deleteKeysByPrefix } from '@slawatch/test';
import { buildGateway, TokenStore, type GatewayDeps } from '../src/index.js';

const POLICIES = `
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 4h }
    warnAt: [0.5]
`;
const loaded = parsePolicyDocument(POLICIES);
if (!loaded.ok) throw new Error('test policies');
const MINUTE = 60_000;
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const TOKENS = { admin: 'admin-secret', read: 'read-secret', emea: 'emea-secret' };

const redis = new Redis(inject('redisUrl'));
const prefix = `gw-${Math.random().toString(36).slice(2, 8)}`;
const keys = createKeys(prefix);
let app: FastifyInstance;
let deps: GatewayDeps;
let timers: TimerQueue;
let ready = true;

let n = 0;
const created = (subject: string, at: number, team: string) => ({
  event: {
    specversion: '1.0' as const,
    id: `gw-${++n}`,
    source: 'test',
    type: 'ticket.created' as const,
    subject,
    time: new Date(at).toISOString(),
    data: { priority: 'urgent' as const, channel: 'chat' as const, team },
  },
  time: at,
  seq: n,
});

beforeAll(async () => {
  const store = new TicketStore(redis, keys);
  const metrics = new MetricWindows(redis, keys, loaded.policySet.metrics);
  timers = new TimerQueue(redis, keys);
  const updateDeps: UpdateDeps = {
    store,
    index: new LiveIndex(redis, keys, 7 * 86_400_000),
    timers,
    metrics,
    policies: loaded.policySet,
    retentionMs: 3_600_000,
    announce: () => Promise.resolve(),
  };
  // EMEA-1 breached its 15-minute first response; US-1 is past half of it (at risk).
  await updateTickets(
    updateDeps,
    new Map([
      ['EMEA-1', [created('EMEA-1', NOW - 20 * MINUTE, 'emea')]],
      ['US-1', [created('US-1', NOW - 10 * MINUTE, 'us')]],
    ]),
    NOW,
  );
  deps = {
    store,
    metrics,
    lists: new LiveLists(redis, keys, metrics),
    tokens: new TokenStore(redis, keys.tokens, [
      { name: 'operator', secret: TOKENS.admin, scopes: ['admin'] },
      { name: 'wallboard', secret: TOKENS.read, scopes: ['read'] },
      { name: 'emea lead', secret: TOKENS.emea, scopes: ['read'], teams: ['emea'] },
    ]),
    policies: loaded.policySet,
    policyDocument: loaded.document,
    readiness: [
      { name: 'redis', check: async () => void (await redis.ping()) },
      {
        name: 'kafka',
        check: () => (ready ? Promise.resolve() : Promise.reject(new Error('no broker answers'))),
      },
    ],
    now: () => NOW,
  };
  app = await buildGateway({ deps });
});

afterAll(async () => {
  await app?.close();
  await timers?.close();
  await deleteKeysByPrefix(redis, prefix);
  await deleteKeysByPrefix(redis, `{${prefix}:`);
  await redis.quit();
});

const as = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});
const SIMULATE = {
  policies: { policies: [{ id: 'p', match: {}, targets: { firstResponse: '1h' } }] },
  events: [
    {
      specversion: '1.0',
      id: 'e1',
      source: 's',
      type: 'ticket.created',
      subject: 'S-1',
      time: '2026-11-23T09:00:00Z',
      data: { priority: 'low', channel: 'web' },
    },
  ],
  at: '2026-11-23T09:30:00Z',
};

// Every /api route, with what each kind of caller gets.
type Who = 'anonymous' | 'read' | 'emea' | 'admin';
const ROUTES: {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  payload?: object;
  expect: Record<Who, number>;
}[] = [
  {
    method: 'GET',
    url: '/api/v1/tickets/EMEA-1',
    expect: { anonymous: 401, read: 200, emea: 200, admin: 200 },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/US-1',
    expect: { anonymous: 401, read: 200, emea: 403, admin: 200 },
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

describe('the gateway', () => {
  it.each(ROUTES)(
    '$method $url: 401 anonymous, and each scope and team as the table says',
    async (route) => {
      const who: Record<Who, string | null> = {
        anonymous: null,
        read: TOKENS.read,
        emea: TOKENS.emea,
        admin: TOKENS.admin,
      };
      for (const [name, token] of Object.entries(who) as [Who, string | null][]) {
        const res = await app.inject({
          method: route.method,
          url: route.url,
          headers: as(token),
          ...(route.payload ? { payload: route.payload } : {}),
        });
        expect(res.statusCode, `${name}: ${res.body}`).toBe(route.expect[name]);
        if (res.statusCode === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    },
  );

  it('refuses an unknown token and a malformed header', async () => {
    for (const authorization of ['Bearer nope', 'Basic abc', 'Bearer'])
      expect(
        (await app.inject({ url: '/api/v1/policies', headers: { authorization } })).statusCode,
      ).toBe(401);
  });

  it('serves the ticket view of api.md', async () => {
    const res = await app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(TOKENS.read) });
    const view = res.json<TicketView>();
    expect(view).toMatchObject({ ticketId: 'EMEA-1', policy: 'urgent', status: 'new' });
    expect(view.clocks[0]).toMatchObject({ kind: 'firstResponse', state: 'breached' });
    expect(
      (await app.inject({ url: '/api/v1/tickets/NOPE', headers: as(TOKENS.read) })).statusCode,
    ).toBe(404);
  });

  it('lists at-risk clocks and breaches, filtered, and only the teams a token may see', async () => {
    const atRisk = await app.inject({ url: '/api/v1/at-risk', headers: as(TOKENS.read) });
    expect(atRisk.json()).toEqual({
      clocks: [
        {
          ticketId: 'US-1',
          clock: 'firstResponse',
          cycle: 1,
          at: new Date(NOW + 5 * MINUTE).toISOString().replace('.000', ''),
          team: 'us',
          queue: '-',
          priority: 'urgent',
          policy: 'urgent',
        },
      ],
    });
    const emea = await app.inject({ url: '/api/v1/at-risk', headers: as(TOKENS.emea) });
    expect(emea.json()).toEqual({ clocks: [] });
    const breaches = await app.inject({
      url: '/api/v1/breaches?team=emea',
      headers: as(TOKENS.read),
    });
    expect(
      breaches.json<{ breaches: { ticketId: string }[] }>().breaches.map((b) => b.ticketId),
    ).toEqual(['EMEA-1']);
    const none = await app.inject({
      url: '/api/v1/breaches?priority=low',
      headers: as(TOKENS.read),
    });
    expect(none.json()).toEqual({ breaches: [] });
  });

  it('serves metrics for a window and dimension, and a team-limited token its teams only', async () => {
    const all = await app.inject({
      url: '/api/v1/metrics?window=1h&dimension=all',
      headers: as(TOKENS.read),
    });
    expect(
      all.json<{ values: Record<string, { volume: { created: number } }> }>().values['*']?.volume
        .created,
    ).toBe(2);
    const teams = await app.inject({
      url: '/api/v1/metrics?window=1h&dimension=team',
      headers: as(TOKENS.emea),
    });
    expect(Object.keys(teams.json<{ values: object }>().values)).toEqual(['emea']);
  });

  it('answers bad requests with 400 and the path of each bad field', async () => {
    const cases: [string, object | undefined, string][] = [
      ['/api/v1/metrics?window=2h', undefined, 'querystring.window'],
      ['/api/v1/metrics?dimension=agent', undefined, 'querystring.dimension'],
      ['/api/v1/at-risk?limit=0', undefined, 'querystring.limit'],
      ['/api/v1/breaches?since=yesterday', undefined, 'querystring.since'],
      ['/api/v1/simulate', { ...SIMULATE, at: 'noon' }, 'body.at'],
      ['/api/v1/simulate', { events: [] }, 'body.policies'],
      [
        '/api/v1/simulate',
        { ...SIMULATE, policies: { policies: [{ id: 'p', targets: { firstResponse: '1d' } }] } },
        'body.policies.policies[0].targets.firstResponse',
      ],
      ['/api/v1/tokens', { name: 'x', scopes: ['root'] }, 'body.scopes[0]'],
    ];
    for (const [url, payload, path] of cases) {
      const res = await app.inject({
        method: payload ? 'POST' : 'GET',
        url,
        headers: as(TOKENS.admin),
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(
        res.json<{ problems: { path: string }[] }>().problems.map((p) => p.path),
        url,
      ).toContain(path);
    }
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await app.inject({ url: '/api/v1/nothing', headers: as(TOKENS.read) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'no route GET /api/v1/nothing' });
  });

  it('simulates like the CLI, and lists invalid events as rejected', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/simulate',
      headers: as(TOKENS.read),
      payload: { ...SIMULATE, events: [...SIMULATE.events, { type: 'nope' }] },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ at: string; tickets: TicketView[]; rejected: { index: number }[] }>();
    expect(body.at).toBe('2026-11-23T09:30:00Z');
    expect(body.tickets[0]?.clocks[0]).toMatchObject({
      kind: 'firstResponse',
      state: 'running',
      spentSeconds: 1800,
    });
    expect(body.rejected.map((r) => r.index)).toEqual([1]);
  });

  it('validates a candidate policy document, as JSON or YAML', async () => {
    const yaml = await app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: { ...as(TOKENS.read), 'content-type': 'application/yaml' },
      payload: 'policies:\n  - id: x\n    targets: { resolution: 2 }\n',
    });
    expect(yaml.json()).toMatchObject({
      valid: false,
      problems: [{ path: 'policies[0].targets.resolution' }],
    });
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: as(TOKENS.read),
      payload: { policies: [{ id: 'x', targets: { resolution: '2h' } }] },
    });
    expect(json.json()).toEqual({ valid: true, calendars: 0, policies: 1 });
  });

  it('lets an admin create a token that works until it is revoked', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: as(TOKENS.admin),
      payload: { name: 'kiosk', scopes: ['read'], teams: ['emea'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(await redis.hgetall(keys.tokens)).not.toHaveProperty(token);
    expect(JSON.stringify(await redis.hgetall(keys.tokens))).not.toContain(token);
    expect(
      (await app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(token) })).statusCode,
    ).toBe(200);
    expect((await app.inject({ url: '/api/v1/tickets/US-1', headers: as(token) })).statusCode).toBe(
      403,
    );
    const listed = await app.inject({ url: '/api/v1/tokens', headers: as(TOKENS.admin) });
    expect(listed.body).not.toContain(TOKENS.read);
    expect(listed.json<{ tokens: { id: string }[] }>().tokens.map((t) => t.id)).toContain(id);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${id}`,
          headers: as(TOKENS.admin),
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(token) })).statusCode,
    ).toBe(401);
  });

  it('reports health without a token, and readiness per dependency', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    ready = false;
    const down = await app.inject({ url: '/readyz' });
    ready = true;
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      status: 'not ready',
      checks: { redis: 'ok', kafka: 'no broker answers' },
    });
  });

  it('limits the request rate per client address, whatever token is presented', async () => {
    const limited = await buildGateway({
      deps: { ...deps, readiness: [] },
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

  it('serves its OpenAPI document and a docs page, with security headers', async () => {
    const doc = await app.inject({ url: '/openapi.json' });
    const paths = Object.keys(doc.json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/metrics', '/api/v1/simulate', '/api/v1/tickets/{ticketId}']),
    );
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
  });
});
