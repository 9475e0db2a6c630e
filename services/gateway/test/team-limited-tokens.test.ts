import { describe, expect, it } from 'vitest';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

const gw = useGateway();

/** A token made by the operator: its secret and id. */
async function operatorMints(body: object): Promise<{ id: string; token: string }> {
  const res = await gw.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: as(TOKENS.admin),
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('team-limited tokens', () => {
  it("answers another team's ticket with the very 404 of an unknown ticket", async () => {
    for (const path of ['', '/alerts']) {
      const other = await gw.app.inject({
        url: `/api/v1/tickets/US-1${path}`,
        headers: as(TOKENS.emea),
      });
      const unknown = await gw.app.inject({
        url: `/api/v1/tickets/NOPE-1${path}`,
        headers: as(TOKENS.emea),
      });
      expect(other.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(other.body.replace('US-1', 'X')).toBe(unknown.body.replace('NOPE-1', 'X'));
    }
  });

  it('lets a team-limited admin mint, list and revoke only tokens within its teams', async () => {
    const lead = await operatorMints({ name: 'emea admin', scopes: ['admin'], teams: ['emea'] });
    const unlimited = await operatorMints({ name: 'ops kiosk', scopes: ['read'] });
    const mint = (payload: object) =>
      gw.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: as(lead.token),
        payload,
      });

    // Unlimited, another team's, or partly another team's: refused, naming the field.
    for (const teams of [undefined, ['us'], ['emea', 'us']]) {
      const res = await mint({ name: 'escalate', scopes: ['admin'], ...(teams ? { teams } : {}) });
      expect(res.statusCode, JSON.stringify(teams)).toBe(403);
      const { problems } = res.json<{ problems: { path: string; message: string }[] }>();
      expect(problems.map((p) => p.path)).toEqual(['body.teams']);
      expect(problems[0]!.message).toContain('emea');
    }
    const own = await mint({ name: 'emea kiosk', scopes: ['read'], teams: ['emea'] });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ teams: ['emea'] });

    const listed = await gw.app.inject({ url: '/api/v1/tokens', headers: as(lead.token) });
    const names = listed.json<{ tokens: { name: string }[] }>().tokens.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['emea admin', 'emea kiosk', 'emea lead']));
    expect(names).not.toContain('ops kiosk');
    expect(names).not.toContain('operator');

    const revoke = (id: string) =>
      gw.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: as(lead.token) });
    expect((await revoke(unlimited.id)).statusCode).toBe(404);
    expect(
      (await gw.app.inject({ url: '/api/v1/policies', headers: as(unlimited.token) })).statusCode,
    ).toBe(200);
    expect((await revoke(own.json<{ id: string }>().id)).statusCode).toBe(204);
  });
});
