import { beforeAll, describe, expect, it } from 'vitest';
import { updateTickets } from '@slawatch/store';
import { as, created, MINUTE, NOW, replied, TOKENS, useGateway } from './gateway-fixture.js';
import { acceptedEvent } from '@slawatch/test';
import { csvRows, figure, leaves } from './read-csv.js';

// GET /api/v1/agents over real Redis. Besides the fixture's EMEA-1 (unassigned, breached)
// and US-1: emea tickets of ana (answered in 5 and 20 minutes, so one breach of the
// 15-minute first response) and bo (open), and a us ticket of ana.

const assigned = (subject: string, at: number, assigneeId: string) =>
  acceptedEvent(subject, at, 'ticket.assigned', { assigneeId });

interface Figures {
  volume: { created: number };
  firstResponseTime: { count: number };
  breaches: { firstResponse: number };
  attainment: { firstResponse: number | null };
  now: { backlog: { total: number } };
}
interface Agents {
  at: string;
  window: string;
  from: string;
  team: string;
  teamValues: Figures;
  values: Record<string, Figures>;
}

describe('GET /api/v1/agents', () => {
  const gw = useGateway();
  const get = (url: string, token = TOKENS.read) => gw.app.inject({ url, headers: as(token) });

  beforeAll(async () => {
    const at = NOW - 40 * MINUTE;
    const ticket = (id: string, team: string, agent: string, wait: number | null) => [
      created(id, at, team),
      assigned(id, at + MINUTE, agent),
      ...(wait === null ? [] : [replied(id, at + wait * MINUTE)]),
    ];
    await updateTickets(
      gw.update,
      new Map([
        ['AG-1', ticket('AG-1', 'emea', 'ana', 5)],
        ['AG-2', ticket('AG-2', 'emea', 'ana', 20)],
        ['AG-3', ticket('AG-3', 'emea', 'bo', null)],
        ['AG-4', ticket('AG-4', 'us', 'ana', 3)],
      ]),
      NOW,
    );
  });

  it('answers the team’s figures and each agent’s over the team’s tickets only', async () => {
    const res = await get('/api/v1/agents?team=emea&window=1h');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Agents>();
    expect(body).toMatchObject({ team: 'emea', window: '1h', at: new Date(NOW).toISOString() });
    expect(Object.keys(body.values)).toEqual(['-', 'ana', 'bo']);
    expect(body.values.ana).toMatchObject({
      firstResponseTime: { count: 2 },
      breaches: { firstResponse: 1 },
      attainment: { firstResponse: 0.5 },
    });
    expect(body.values.bo!.now.backlog.total).toBe(1);
    const team = await get('/api/v1/metrics?window=1h&dimension=team&values=emea');
    expect(body.teamValues).toEqual(team.json<{ values: { emea: Figures } }>().values.emea);
    const us = (await get('/api/v1/agents?team=us&window=1h')).json<Agents>();
    expect(us.values.ana!.firstResponseTime.count).toBe(1);
  });

  it('gives a token limited to the team the same rows, and refuses it another team', async () => {
    const mine = await get('/api/v1/agents?team=emea&window=1h', TOKENS.emea);
    expect(mine.statusCode).toBe(200);
    expect(mine.json<Agents>().values).toEqual(
      (await get('/api/v1/agents?team=emea&window=1h')).json<Agents>().values,
    );
    const other = await get('/api/v1/agents?team=us', TOKENS.emea);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'SLW_AUTH_TEAMS_LIMITED' });
  });

  it('needs a team, and names what is wrong', async () => {
    const res = await get('/api/v1/agents?window=1h');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toContain(
      'querystring.team',
    );
    expect((await get('/api/v1/agents?team=emea&window=5y')).statusCode).toBe(400);
  });

  it('answers CSV: the team’s row first (agent "*"), then one per agent, figures as in JSON', async () => {
    const json = (await get('/api/v1/agents?team=emea&window=1h')).json<Agents>();
    const res = await gw.app.inject({
      url: '/api/v1/agents?team=emea&window=1h',
      headers: { ...as(TOKENS.read), accept: 'text/csv' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="slawatch-agents-emea-1h.csv"',
    );
    const { header, rows } = csvRows(res.body);
    expect(header.slice(0, 5)).toEqual(['at', 'window', 'from', 'team', 'agent']);
    expect(rows.map((r) => r.get('agent'))).toEqual(['*', '-', 'ana', 'bo']);
    const expected = [json.teamValues, ...Object.values(json.values)];
    rows.forEach((row, i) => {
      const figures = leaves(expected[i]!);
      for (const [column, value] of figures)
        expect(figure(row.get(column)!), column).toEqual(value);
    });
  });
});
