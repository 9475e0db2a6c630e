import { beforeAll, describe, expect, it } from 'vitest';
import { updateTickets } from '@slawatch/store';
import { as, created, MINUTE, NOW, replied, TOKENS, useGateway } from './gateway-fixture.js';
import { acceptedEvent } from '@slawatch/test';

// The lists behind the wallboard's counts, over real Redis. Besides the fixture's EMEA-1
// (created 20 minutes ago, its 15-minute first response breached) and US-1 (created 10
// minutes ago, at risk): DD-1 of emea answered in 5 minutes (met) and pending, DD-2 of us
// assigned to ana.

const event = acceptedEvent;

interface Listed {
  ticketId: string;
  status?: string;
  since: string;
  team: string;
  assignee: string;
}
interface Outcome {
  ticketId: string;
  clock: string;
  outcome: string;
  at: string;
  team: string;
}

describe('drill-down lists', () => {
  const gw = useGateway();
  const get = (url: string, token = TOKENS.read) => gw.app.inject({ url, headers: as(token) });
  const tickets = async (url: string, token = TOKENS.read) => {
    const res = await get(url, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ tickets: Listed[] }>().tickets;
  };

  beforeAll(async () => {
    await updateTickets(
      gw.update,
      new Map([
        [
          'DD-1',
          [
            created('DD-1', NOW - 30 * MINUTE, 'emea'),
            replied('DD-1', NOW - 25 * MINUTE),
            event('DD-1', NOW - 24 * MINUTE, 'ticket.status_changed', { status: 'pending' }),
          ],
        ],
        [
          'DD-2',
          [
            created('DD-2', NOW - 5 * MINUTE, 'us'),
            event('DD-2', NOW - 4 * MINUTE, 'ticket.assigned', { assigneeId: 'ana' }),
          ],
        ],
      ]),
      NOW,
    );
  });

  it('lists the open tickets by status, with the counts of the metrics', async () => {
    const all = await tickets('/api/v1/open-tickets');
    expect(all.map((t) => t.ticketId).sort()).toEqual(['DD-1', 'DD-2', 'EMEA-1', 'US-1']);
    const fresh = await tickets('/api/v1/open-tickets?status=new');
    expect(fresh.map((t) => t.ticketId).sort()).toEqual(['DD-2', 'EMEA-1', 'US-1']);
    expect(fresh.every((t) => t.status === 'new')).toBe(true);
    expect((await tickets('/api/v1/open-tickets?status=pending')).map((t) => t.ticketId)).toEqual([
      'DD-1',
    ]);
    const metrics = await get('/api/v1/metrics?window=1h');
    const backlog = metrics.json<{
      values: { '*': { now: { backlog: Record<string, number> } } };
    }>().values['*'].now.backlog;
    expect(all).toHaveLength(backlog.total!);
    expect(fresh).toHaveLength(backlog.new!);
    expect((await tickets('/api/v1/open-tickets?assignee=ana')).map((t) => t.ticketId)).toEqual([
      'DD-2',
    ]);
  });

  it('lists the open tickets with a breached clock running', async () => {
    const breached = await tickets('/api/v1/open-tickets?breached=true');
    expect(breached.map((t) => t.ticketId)).toEqual(['EMEA-1']);
    expect(breached[0]).toMatchObject({ team: 'emea', assignee: '-' });
    expect(breached[0]!.status).toBeUndefined();
  });

  it('lists the clocks that finished, met or breached, by kind', async () => {
    const res = await get('/api/v1/outcomes?clock=firstResponse');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ from: string; outcomes: Outcome[] }>();
    expect(Date.parse(body.from)).toBe(NOW - 86_400_000);
    const of = (o: Outcome) => `${o.ticketId} ${o.outcome}`;
    expect(body.outcomes.map(of).sort()).toEqual(['DD-1 met', 'EMEA-1 breached']);
    const breached = await get('/api/v1/outcomes?outcome=breached');
    expect(breached.json<{ outcomes: Outcome[] }>().outcomes.map(of)).toEqual(['EMEA-1 breached']);
    const old = await get('/api/v1/outcomes?since=2020-01-01T00:00:00Z');
    // Kept as far back as the per-minute span (a day here), and the answer says so.
    expect(Date.parse(old.json<{ from: string }>().from)).toBeGreaterThan(NOW - 2 * 86_400_000);
  });

  it('filters breaches by clock kind', async () => {
    const fr = await get('/api/v1/breaches?clock=firstResponse');
    expect(fr.json<{ breaches: Outcome[] }>().breaches.map((b) => b.ticketId)).toEqual(['EMEA-1']);
    const rs = await get('/api/v1/breaches?clock=resolution');
    expect(rs.json<{ breaches: Outcome[] }>().breaches).toEqual([]);
  });

  it('narrows every list to a team-limited token’s teams', async () => {
    const open = await tickets('/api/v1/open-tickets', TOKENS.emea);
    expect(open.map((t) => t.ticketId).sort()).toEqual(['DD-1', 'EMEA-1']);
    const us = await tickets('/api/v1/open-tickets?team=us', TOKENS.emea);
    expect(us).toEqual([]);
    const outcomes = await get('/api/v1/outcomes', TOKENS.emea);
    expect(outcomes.json<{ outcomes: Outcome[] }>().outcomes.every((o) => o.team === 'emea')).toBe(
      true,
    );
  });

  it('names what is wrong in a bad query', async () => {
    const problems = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      // A list's bad item is named by its index (querystring.status[0]).
      return res
        .json<{ problems: { path: string }[] }>()
        .problems.map((p) => p.path.replace(/\[\d+\]$/, ''));
    };
    expect(await problems('/api/v1/open-tickets?status=closed')).toContain('querystring.status');
    expect(await problems('/api/v1/open-tickets?status=new&breached=true')).toContain(
      'querystring.status',
    );
    expect(await problems('/api/v1/outcomes?clock=lunch')).toContain('querystring.clock');
    expect(await problems('/api/v1/outcomes?since=yesterday')).toContain('querystring.since');
    expect(await problems('/api/v1/breaches?clock=lunch')).toContain('querystring.clock');
  });
});
