import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateEvent, type AcceptedEvent } from '@slawatch/core';
import { updateTickets, type FollowUp } from '@slawatch/store';
import { as, created, MINUTE, NOW, TOKENS, useGateway } from './gateway-fixture.js';
import { LiveTestClient, liveUrl } from './live-test-client.js';

const DAY = 86_400_000;
const gw = useGateway({ live: { minIntervalMs: 50, refreshMs: 60_000 } });

let seq = 10_000;
const surveyed = (subject: string, at: number, kind: 'csat' | 'nps', score: number) => {
  const r = validateEvent({
    specversion: '1.0',
    id: `survey-${++seq}`,
    source: 'test',
    type: 'ticket.surveyed',
    subject,
    time: new Date(at).toISOString(),
    data: { kind, score },
  });
  if (!r.ok) throw new Error(r.reason);
  return { event: r.event, time: r.time, seq };
};
const fold = (batch: Record<string, AcceptedEvent[]>) =>
  updateTickets(gw.update, new Map(Object.entries(batch)), NOW);

/**
 * Beside the fixture's EMEA-1 (emea) and US-1 (us), both urgent: EMEA-1 scored CSAT 1 five
 * minutes ago (and NPS 9, not low), US-1 NPS 3 three minutes ago, and OLD-1 (emea) CSAT 2
 * six days ago.
 */
beforeAll(async () => {
  await fold({
    'EMEA-1': [surveyed('EMEA-1', NOW - 5 * MINUTE, 'csat', 1)],
    'US-1': [surveyed('US-1', NOW - 3 * MINUTE, 'nps', 3)],
    'OLD-1': [
      created('OLD-1', NOW - 6 * DAY - 60 * MINUTE, 'emea'),
      surveyed('OLD-1', NOW - 6 * DAY, 'csat', 2),
    ],
  });
  await fold({ 'EMEA-1': [surveyed('EMEA-1', NOW - 4 * MINUTE, 'nps', 9)] });
});

async function followUps(query: string, token = TOKENS.read) {
  const res = await gw.app.inject({ url: `/api/v1/follow-ups${query}`, headers: as(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ followUps: FollowUp[] }>().followUps;
}
const ids = (list: readonly FollowUp[]) => list.map((f) => `${f.ticketId} ${f.kind} ${f.score}`);

describe('GET /api/v1/follow-ups', () => {
  it('lists the low scores of the last 7 days, newest first, with their tickets', async () => {
    const list = await followUps('');
    expect(ids(list)).toEqual(['US-1 nps 3', 'EMEA-1 csat 1', 'OLD-1 csat 2']);
    expect(list[0]).toEqual({
      ticketId: 'US-1',
      team: 'us',
      queue: '-',
      priority: 'urgent',
      policy: 'urgent',
      assignee: '-',
      kind: 'nps',
      score: 3,
      at: new Date(NOW - 3 * MINUTE).toISOString().replace('.000', ''),
    });
  });

  it('filters by kind, team, queue, priority and policy, and answers at most limit', async () => {
    expect(ids(await followUps('?kind=csat'))).toEqual(['EMEA-1 csat 1', 'OLD-1 csat 2']);
    expect(ids(await followUps('?kind=nps'))).toEqual(['US-1 nps 3']);
    expect(ids(await followUps('?team=emea'))).toEqual(['EMEA-1 csat 1', 'OLD-1 csat 2']);
    expect(ids(await followUps('?team=us,emea&kind=nps'))).toEqual(['US-1 nps 3']);
    expect(await followUps('?queue=billing')).toEqual([]);
    expect(await followUps('?priority=low')).toEqual([]);
    expect(ids(await followUps('?priority=urgent&policy=urgent&limit=1'))).toEqual(['US-1 nps 3']);
  });

  it('reads from since: back to any instant, or only the last hour', async () => {
    expect(ids(await followUps(`?since=${new Date(NOW - 3600_000).toISOString()}`))).toEqual([
      'US-1 nps 3',
      'EMEA-1 csat 1',
    ]);
    expect(ids(await followUps('?since=2000-01-01T00:00:00Z'))).toHaveLength(3);
    expect(await followUps(`?since=${new Date(NOW + MINUTE).toISOString()}`)).toEqual([]);
  });

  it("shows a team-limited token its teams' low scores only", async () => {
    expect(ids(await followUps('', TOKENS.emea))).toEqual(['EMEA-1 csat 1', 'OLD-1 csat 2']);
    expect(await followUps('?team=us', TOKENS.emea)).toEqual([]);
  });

  it('answers a bad query with 400 naming the field', async () => {
    for (const [query, path] of [
      ['?since=yesterday', 'querystring.since'],
      ['?kind=ces', 'querystring.kind'],
      ['?limit=0', 'querystring.limit'],
      ['?limit=10001', 'querystring.limit'],
    ]) {
      const res = await gw.app.inject({
        url: `/api/v1/follow-ups${query}`,
        headers: as(TOKENS.read),
      });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'SLW_REQUEST_INVALID',
        problems: [expect.objectContaining({ path })],
      });
    }
  });
});

describe('the follow-up view of the live stream', () => {
  let url: string;
  const clients: LiveTestClient[] = [];
  beforeAll(async () => {
    url = await liveUrl(gw.app);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  it('sends the list, then the list again when a low score arrives, for the teams asked', async () => {
    const client = await LiveTestClient.connect(url, TOKENS.emea);
    clients.push(client);
    client.subscribe('f', { kind: 'followUps', sinceMinutes: 60, limit: 10 });
    const snapshot = await client.next((m) => m.id === 'f', 'the follow-up snapshot');
    expect(ids(snapshot.data!.followUps!)).toEqual(['EMEA-1 csat 1']);
    // A us score changes nothing this token sees; an emea one does.
    await fold({
      'US-1': [surveyed('US-1', NOW - 2 * MINUTE, 'csat', 1)],
      'EMEA-1': [surveyed('EMEA-1', NOW - MINUTE, 'nps', 0)],
    });
    const update = await client.next(
      (m) => m.id === 'f' && m.type === 'update',
      'the follow-up update',
    );
    expect(ids(update.data!.followUps!)).toEqual(['EMEA-1 nps 0', 'EMEA-1 csat 1']);
  });

  it('refuses a view with a bad field, naming it', async () => {
    const client = await LiveTestClient.connect(url, TOKENS.read);
    clients.push(client);
    client.subscribe('bad', { kind: 'followUps', survey: 'ces' });
    const error = await client.next((m) => m.type === 'error', 'the error');
    expect(error).toMatchObject({ id: 'bad', path: 'view.survey' });
  });
});
