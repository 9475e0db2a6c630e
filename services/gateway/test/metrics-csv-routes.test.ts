import { beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedEvent } from '@slawatch/core';
import { updateTickets } from '@slawatch/store';
import { as, created, MINUTE, NOW, replied, TOKENS, useGateway } from './gateway-fixture.js';
import { csvRows, figure, leaves } from './read-csv.js';

// GET /api/v1/metrics and /metrics/trend as CSV over real Redis. Besides the fixture's
// EMEA-1 and US-1: three more emea tickets answered after 4, 7 and 11 minutes (figures
// with fractions), and one of a team whose name a producer made hostile.

const HOSTILE = '=HYPERLINK("http://evil.example","a, b")\nsecond line';

/** The header of docs/api.md, "Metrics as CSV", in its order. */
const METRICS_HEADER = [
  'at',
  'window',
  'from',
  'dimension',
  'value',
  ...['firstResponseTime', 'nextResponseTime', 'resolutionTime', 'timeToEscalate'].flatMap((d) =>
    ['count', 'mean', 'p50', 'p90', 'p99'].map((s) => `${d}.${s}`),
  ),
  'attainment.firstResponse',
  'attainment.nextResponse',
  'attainment.resolution',
  'attainment.overall',
  'breaches.firstResponse',
  'breaches.nextResponse',
  'breaches.resolution',
  'breaches.total',
  'volume.created',
  'volume.solved',
  'volume.replies',
  'solves',
  'reopens',
  'escalated',
  'fcrRate',
  'reopenRate',
  'escalationRate',
  'csat.count',
  'csat.share',
  'csat.mean',
  'nps.count',
  'nps.score',
  'repeatContacts',
  'repeatContactRate',
  'qualityScore',
  'now.backlog.new',
  'now.backlog.open',
  'now.backlog.pending',
  'now.backlog.on_hold',
  'now.backlog.total',
  'now.openBreached',
  'now.atRisk',
];
const TREND_HEADER = [
  'at',
  'window',
  'dimension',
  'stepMinutes',
  'from',
  'to',
  'value',
  'attainment.firstResponse',
  'attainment.nextResponse',
  'attainment.resolution',
  'attainment.overall',
  'breaches',
  'firstResponseP50',
  'firstResponseP90',
  'resolutionP90',
  'created',
  'solved',
  'fcrRate',
  'csatShare',
  'nps',
  'qualityScore',
];

interface Report {
  at: string;
  window: string;
  from: string;
  dimension: string;
  values: Record<string, object>;
}
interface Trend {
  at: string;
  window: string;
  dimension: string;
  stepMinutes: number;
  slices: { from: string; to: string; values: Record<string, object> }[];
}

/** A value as the JSON names it, from its CSV field: the formula guard's `'` taken off. */
const unguarded = (field: string) => (field.startsWith("'") ? field.slice(1) : field);

/**
 * Checks a CSV row against the JSON figures of its value: every figure of the JSON has its
 * column, every figure column a figure, and each field reads back as the same number.
 */
function expectSameFigures(row: Map<string, string>, json: object, skip: number) {
  const figures = leaves(json);
  const columns = [...row.keys()].slice(skip);
  expect(columns.toSorted()).toEqual([...figures.keys()].toSorted());
  for (const c of columns) expect(figure(row.get(c)!), c).toEqual(figures.get(c));
}

describe('metrics as CSV', () => {
  const gw = useGateway();
  const get = (url: string, headers: Record<string, string> = {}, token = TOKENS.read) =>
    gw.app.inject({ url, headers: { ...as(token), ...headers } });

  beforeAll(async () => {
    const tickets = new Map<string, AcceptedEvent[]>();
    for (const [i, wait] of [4, 7, 11].entries()) {
      const at = NOW - 50 * MINUTE + i * 7_000;
      tickets.set(`CSV-${i}`, [
        created(`CSV-${i}`, at, 'emea'),
        replied(`CSV-${i}`, at + wait * MINUTE),
      ]);
    }
    tickets.set('HOSTILE-1', [created('HOSTILE-1', NOW - 3 * MINUTE, HOSTILE)]);
    await updateTickets(gw.update, tickets, NOW);
  });

  it('answers /metrics as CSV, one row per value with the figures of the JSON answer', async () => {
    const json = (await get('/api/v1/metrics?window=1h&dimension=team')).json<Report>();
    const res = await get('/api/v1/metrics?window=1h&dimension=team&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="slawatch-metrics-team-1h.csv"',
    );
    expect(res.headers.vary).toContain('Accept');
    const { header, rows } = csvRows(res.body);
    expect(header).toEqual(METRICS_HEADER);
    expect(rows.map((r) => unguarded(r.get('value')!))).toEqual(Object.keys(json.values));
    expect(Object.keys(json.values)).toEqual(expect.arrayContaining(['emea', 'us', HOSTILE]));
    for (const row of rows) {
      expect([row.get('at'), row.get('window'), row.get('from'), row.get('dimension')]).toEqual([
        json.at,
        json.window,
        json.from,
        json.dimension,
      ]);
      expectSameFigures(row, json.values[unguarded(row.get('value')!)]!, 5);
    }
    // Not only counts: emea's first responses have a mean and percentiles.
    const emea = rows.find((r) => r.get('value') === 'emea')!;
    expect(figure(emea.get('firstResponseTime.mean')!)).toBeGreaterThan(0);
    expect(emea.get('nps.score')).toBe('');
  });

  it('answers /metrics/trend as CSV, one row per slice and value with its from and to', async () => {
    const json = (await get('/api/v1/metrics/trend?window=1h&dimension=team')).json<Trend>();
    const res = await get('/api/v1/metrics/trend?window=1h&dimension=team&format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="slawatch-trend-team-1h.csv"',
    );
    const { header, rows } = csvRows(res.body);
    expect(header).toEqual(TREND_HEADER);
    const expected = json.slices.flatMap((s) => Object.keys(s.values).map((v) => [s.from, v]));
    expect(rows.map((r) => [r.get('from'), unguarded(r.get('value')!)])).toEqual(expected);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const slice = json.slices.find((s) => s.from === row.get('from'))!;
      expect([...row.values()].slice(0, 6)).toEqual([
        json.at,
        json.window,
        json.dimension,
        String(json.stepMinutes),
        slice.from,
        slice.to,
      ]);
      expectSameFigures(row, slice.values[unguarded(row.get('value')!)]!, 7);
    }
  });

  it('answers CSV to Accept: text/csv, and the query’s format wins over Accept', async () => {
    for (const path of ['/api/v1/metrics', '/api/v1/metrics/trend']) {
      const url = `${path}?window=1h&dimension=team`;
      const asked = await get(`${url}&format=csv`);
      const accepted = await get(url, { accept: 'text/csv' });
      expect(accepted.headers['content-type'], path).toBe('text/csv; charset=utf-8');
      expect(accepted.body, path).toBe(asked.body);
      const json = await get(`${url}&format=json`, { accept: 'text/csv' });
      expect(json.headers['content-type'], path).toMatch(/^application\/json/);
      expect(json.headers.vary, path).toContain('Accept');
      for (const accept of ['*/*', 'application/json', 'application/json, text/csv'])
        expect((await get(url, { accept })).headers['content-type'], accept).toMatch(
          /^application\/json/,
        );
      expect((await get(url)).headers['content-type'], path).toMatch(/^application\/json/);
    }
  });

  it('quotes a hostile team name and keeps a spreadsheet from running it', async () => {
    const all = await get('/api/v1/metrics?window=1h&dimension=team&format=csv');
    // The field as written: guarded, quoted, its quotes doubled, its newline kept.
    expect(all.body).toContain(
      `,team,"'=HYPERLINK(""http://evil.example"",""a, b"")\nsecond line",`,
    );
    const { rows } = csvRows(all.body);
    const row = rows.find((r) => r.get('value')!.includes('HYPERLINK'))!;
    expect(row.get('value')).toBe(`'${HOSTILE}`);
    expect(row.get('volume.created')).toBe('1');
    const trend = csvRows(
      (await get('/api/v1/metrics/trend?window=1h&dimension=team&format=csv')).body,
    );
    expect(trend.rows.filter((r) => r.get('value') === `'${HOSTILE}`)).toHaveLength(1);
  });

  it("gives a team-limited token its teams' rows only", async () => {
    for (const path of ['/api/v1/metrics', '/api/v1/metrics/trend']) {
      const res = await get(`${path}?window=1h&dimension=team&format=csv`, {}, TOKENS.emea);
      expect(res.statusCode, res.body).toBe(200);
      const values = new Set(csvRows(res.body).rows.map((r) => r.get('value')));
      expect([...values], path).toEqual(['emea']);
      // What the token may not see stays a JSON 403, however CSV is asked for.
      const refused = await get(
        `${path}?window=1h&dimension=all&format=csv`,
        { accept: 'text/csv' },
        TOKENS.emea,
      );
      expect(refused.statusCode, path).toBe(403);
      expect(refused.headers['content-type'], path).toMatch(/^application\/json/);
      expect(refused.headers['content-disposition'], path).toBeUndefined();
      expect(refused.json(), path).toMatchObject({ code: 'SLW_AUTH_TEAMS_LIMITED' });
    }
  });

  it('answers a bad format, and every other error, as JSON', async () => {
    for (const path of ['/api/v1/metrics', '/api/v1/metrics/trend']) {
      const bad = await get(`${path}?format=xlsx`, { accept: 'text/csv' });
      expect(bad.statusCode, path).toBe(400);
      expect(bad.headers['content-type'], path).toMatch(/^application\/json/);
      expect(bad.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toEqual([
        'querystring.format',
      ]);
      const window = await get(`${path}?window=2h&format=csv`);
      expect(window.statusCode, path).toBe(400);
      expect(window.json(), path).toMatchObject({ code: 'SLW_REQUEST_INVALID' });
      const anonymous = await gw.app.inject({
        url: `${path}?format=csv`,
        headers: { accept: 'text/csv' },
      });
      expect(anonymous.statusCode, path).toBe(401);
      expect(anonymous.headers['content-type'], path).toMatch(/^application\/json/);
    }
  });
});
