import { describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '@slawatch/core';
import { updateTickets } from '@slawatch/store';
import { as, created, MINUTE, NOW, replied, TOKENS, useGateway } from './gateway-fixture.js';

// GET /api/v1/forecast over real Redis: the rolling metrics hold 60 emea first responses
// of the last hour, each 8 minutes after creation (a pace of 60 an hour); open urgent
// tickets (15-minute target) are forecast from them. The fixture's US-1, created 10
// minutes ago, is due in 5.

interface Entry {
  ticketId: string;
  team: string | null;
  clock: string;
  probability: number;
  basis: string;
  samples: number;
  ahead: number | null;
}
interface Answer {
  computedAt: string;
  horizonMinutes: number;
  scanned: number;
  total: number;
  clocks: Entry[];
}

describe('GET /api/v1/forecast', () => {
  const gw = useGateway();
  const ask = async (query = '', token = TOKENS.read) => {
    const r = await gw.app.inject({ url: `/api/v1/forecast${query}`, headers: as(token) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Answer>();
  };

  it('lists the clocks likely to breach within the hour, from the team’s recent durations', async () => {
    const history = new Map<string, AcceptedEvent[]>();
    for (let i = 0; i < 60; i++) {
      const at = NOW - 59 * MINUTE + i * 50_000;
      history.set(`H-${i}`, [created(`H-${i}`, at, 'emea'), replied(`H-${i}`, at + 8 * MINUTE)]);
    }
    // Waiting 9 minutes, longer than every emea first response: it will not make 15.
    history.set('LATE', [created('LATE', NOW - 9 * MINUTE, 'emea')]);
    // Waiting a minute, two tickets ahead at 60 an hour: every emea first response came
    // within 15.
    history.set('EARLY', [created('EARLY', NOW - MINUTE, 'emea')]);
    await updateTickets(gw.update, history, NOW);

    const answer = await ask();
    expect(answer).toMatchObject({
      computedAt: new Date(NOW).toISOString(),
      horizonMinutes: 60,
    });
    const byId = new Map(answer.clocks.map((c) => [c.ticketId, c]));
    expect(byId.get('LATE')).toMatchObject({
      team: 'emea',
      clock: 'firstResponse',
      probability: 1,
      basis: 'team',
      samples: 60,
      // EMEA-1 (breached) is no longer forecast, but it waits longer: it goes first.
      ahead: 1,
    });
    // US-1's team has no history: the urgent priority's (the same 60) is read instead.
    expect(byId.get('US-1')).toMatchObject({ team: 'us', basis: 'priority', probability: 1 });
    expect(byId.has('EARLY')).toBe(false);
    expect(byId.has('EMEA-1')).toBe(false);

    const everything = await ask('?minProbability=0');
    const early = everything.clocks.find((c) => c.ticketId === 'EARLY');
    expect(early?.probability).toBeLessThan(0.5);
    expect(everything.clocks.at(-1)?.ticketId).toBe('EARLY');
  });

  it('keeps to the filters asked and to a team-limited token’s teams', async () => {
    expect((await ask('?team=us')).clocks.map((c) => c.ticketId)).toEqual(['US-1']);
    const emea = await ask('', TOKENS.emea);
    expect(emea.clocks.map((c) => c.ticketId)).toEqual(['LATE']);
    // How many tickets of every team were read is not an emea token's to know.
    expect(emea).not.toHaveProperty('scanned');
    expect((await ask()).scanned).toBeGreaterThan(60);
    expect((await ask('?team=us', TOKENS.emea)).clocks).toEqual([]);
    // US-1 is due in 5 minutes, LATE in 6.
    expect((await ask('?within=5')).clocks.map((c) => c.ticketId)).toEqual(['US-1']);
    const limited = await ask('?limit=1');
    expect(limited.clocks).toHaveLength(1);
    expect(limited.total).toBe(2);
  });

  it('refuses a query out of range, naming it', async () => {
    const r = await gw.app.inject({
      url: '/api/v1/forecast?minProbability=2&within=0',
      headers: as(TOKENS.read),
    });
    expect(r.statusCode).toBe(400);
    expect(
      r
        .json<{ problems: { path: string }[] }>()
        .problems.map((p) => p.path)
        .sort(),
    ).toEqual(['querystring.minProbability', 'querystring.within']);
  });
});
