import { describe, expect, it } from 'vitest';
import type { TicketView } from '@slawatch/core';
import { as, MINUTE, NOW, SIMULATE, TOKENS, useGateway } from './gateway-fixture.js';

const gw = useGateway();

describe('gateway routes', () => {
  it('serves the ticket view of docs/events.md', async () => {
    const res = await gw.app.inject({ url: '/api/v1/tickets/EMEA-1', headers: as(TOKENS.read) });
    const view = res.json<TicketView>();
    expect(view).toMatchObject({ ticketId: 'EMEA-1', policy: 'urgent', status: 'new' });
    expect(view.clocks[0]).toMatchObject({ kind: 'firstResponse', state: 'breached' });
    expect(
      (await gw.app.inject({ url: '/api/v1/tickets/NOPE', headers: as(TOKENS.read) })).statusCode,
    ).toBe(404);
  });

  it('lists at-risk clocks and breaches, filtered, and only the teams a token may see', async () => {
    const atRisk = await gw.app.inject({ url: '/api/v1/at-risk', headers: as(TOKENS.read) });
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
          assignee: '-',
        },
      ],
    });
    const emea = await gw.app.inject({ url: '/api/v1/at-risk', headers: as(TOKENS.emea) });
    expect(emea.json()).toEqual({ clocks: [] });
    const breaches = await gw.app.inject({
      url: '/api/v1/breaches?team=emea',
      headers: as(TOKENS.read),
    });
    expect(
      breaches.json<{ breaches: { ticketId: string }[] }>().breaches.map((b) => b.ticketId),
    ).toEqual(['EMEA-1']);
    const none = await gw.app.inject({
      url: '/api/v1/breaches?priority=low',
      headers: as(TOKENS.read),
    });
    expect(none.json()).toEqual({ breaches: [] });
  });

  it('serves metrics for a window and dimension, and a team-limited token its teams only', async () => {
    const all = await gw.app.inject({
      url: '/api/v1/metrics?window=1h&dimension=all',
      headers: as(TOKENS.read),
    });
    expect(
      all.json<{ values: Record<string, { volume: { created: number } }> }>().values['*']?.volume
        .created,
    ).toBe(2);
    const teams = await gw.app.inject({
      url: '/api/v1/metrics?window=1h&dimension=team',
      headers: as(TOKENS.emea),
    });
    expect(Object.keys(teams.json<{ values: object }>().values)).toEqual(['emea']);
  });

  it('serves the trend of a window: slices whose figures add up to the window', async () => {
    const res = await gw.app.inject({
      url: '/api/v1/metrics/trend?window=1h&dimension=team',
      headers: as(TOKENS.read),
    });
    expect(res.statusCode).toBe(200);
    const trend = res.json<{
      stepMinutes: number;
      slices: { from: string; to: string; values: Record<string, { created: number }> }[];
    }>();
    expect(trend.stepMinutes).toBe(5);
    expect(Date.parse(trend.slices.at(-1)!.to) - Date.parse(trend.slices[0]!.from)).toBe(
      60 * MINUTE,
    );
    const created = (team: string) =>
      trend.slices.reduce((n, s) => n + (s.values[team]?.created ?? 0), 0);
    expect([created('emea'), created('us')]).toEqual([1, 1]);
    // A team-limited token gets its teams' trends only, like the metrics.
    const limited = await gw.app.inject({
      url: '/api/v1/metrics/trend?window=1h&dimension=all',
      headers: as(TOKENS.emea),
    });
    expect(limited.statusCode).toBe(403);
  });

  it('tells a wallboard who it is and what it may choose from', async () => {
    const read = await gw.app.inject({ url: '/api/v1/session', headers: as(TOKENS.read) });
    expect(read.json()).toEqual({
      name: 'wallboard',
      scopes: ['read'],
      teams: null,
      windows: ['15m', '1h', '24h', '7d'],
      choices: { team: ['emea', 'us'], queue: [] },
    });
    const emea = await gw.app.inject({ url: '/api/v1/session', headers: as(TOKENS.emea) });
    expect(emea.json()).toMatchObject({ teams: ['emea'], choices: { team: ['emea'], queue: [] } });
    expect((await gw.app.inject({ url: '/api/v1/session' })).statusCode).toBe(401);
  });

  it('answers bad requests with 400 and the path of each bad field', async () => {
    const cases: [string, object | undefined, string][] = [
      ['/api/v1/metrics?window=2h', undefined, 'querystring.window'],
      ['/api/v1/metrics?dimension=agent', undefined, 'querystring.dimension'],
      ['/api/v1/metrics/trend?window=2h', undefined, 'querystring.window'],
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
      const res = await gw.app.inject({
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
    const res = await gw.app.inject({ url: '/api/v1/nothing', headers: as(TOKENS.read) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'no route GET /api/v1/nothing',
      code: 'SLW_ROUTE_NOT_FOUND',
    });
  });

  it('simulates like the CLI, and lists invalid events as rejected', async () => {
    const res = await gw.app.inject({
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
    const yaml = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: { ...as(TOKENS.read), 'content-type': 'application/yaml' },
      payload: 'policies:\n  - id: x\n    targets: { resolution: 2 }\n',
    });
    expect(yaml.json()).toMatchObject({
      valid: false,
      problems: [{ path: 'policies[0].targets.resolution' }],
    });
    const json = await gw.app.inject({
      method: 'POST',
      url: '/api/v1/policies/validate',
      headers: as(TOKENS.read),
      payload: { policies: [{ id: 'x', targets: { resolution: '2h' } }] },
    });
    expect(json.json()).toEqual({ valid: true, calendars: 0, policies: 1 });
  });

  it('reports health without a token, and readiness per dependency', async () => {
    expect((await gw.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await gw.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    gw.kafkaReady = false;
    const down = await gw.app.inject({ url: '/readyz' });
    gw.kafkaReady = true;
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({
      status: 'not ready',
      checks: { redis: 'ok', kafka: 'no broker answers' },
    });
  });

  it('serves its OpenAPI document and a docs page, with security headers', async () => {
    const doc = await gw.app.inject({ url: '/openapi.json' });
    const paths = Object.keys(doc.json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/metrics', '/api/v1/simulate', '/api/v1/tickets/{ticketId}']),
    );
    const page = await gw.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('delivered alerts', () => {
  it('lists the latest deliveries, filtered and limited to the token’s teams, and a ticket’s alerts', async () => {
    const record = (ticketId: string, team: string, outcome: 'delivered' | 'dead') => ({
      id: `${ticketId}/firstResponse:1:breached/hook`,
      receiver: 'hook',
      action: 'trigger' as const,
      alertKey: `${ticketId}/firstResponse/1/breach`,
      ticketId,
      clock: 'firstResponse',
      level: 'breach',
      team,
      priority: 'urgent',
      outcome,
      at: new Date(NOW).toISOString(),
      attempts: 1,
    });
    await gw.deps.deliveries.record(record('EMEA-1', 'emea', 'delivered'), NOW);
    await gw.deps.deliveries.record(record('US-1', 'us', 'dead'), NOW + 1);
    const all = await gw.app.inject({ url: '/api/v1/alerts', headers: as(TOKENS.read) });
    expect(all.json<{ alerts: { ticketId: string }[] }>().alerts.map((a) => a.ticketId)).toEqual([
      'US-1',
      'EMEA-1',
    ]);
    const dead = await gw.app.inject({
      url: '/api/v1/alerts?outcome=dead',
      headers: as(TOKENS.read),
    });
    expect(dead.json<{ alerts: { ticketId: string }[] }>().alerts.map((a) => a.ticketId)).toEqual([
      'US-1',
    ]);
    const emea = await gw.app.inject({ url: '/api/v1/alerts', headers: as(TOKENS.emea) });
    expect(emea.json<{ alerts: { ticketId: string }[] }>().alerts.map((a) => a.ticketId)).toEqual([
      'EMEA-1',
    ]);
    const ticket = await gw.app.inject({
      url: '/api/v1/tickets/EMEA-1/alerts',
      headers: as(TOKENS.emea),
    });
    expect(ticket.json()).toMatchObject({
      ticketId: 'EMEA-1',
      alerts: [
        { alertKey: 'EMEA-1/firstResponse/1/breach', receiver: 'hook', outcome: 'delivered' },
      ],
    });
    expect(
      (await gw.app.inject({ url: '/api/v1/tickets/NOPE/alerts', headers: as(TOKENS.read) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await gw.app.inject({ url: '/api/v1/alerts?outcome=maybe', headers: as(TOKENS.read) }))
        .statusCode,
    ).toBe(400);
  });
});
