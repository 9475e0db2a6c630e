import { describe, expect, it, vi } from 'vitest';
import { periodReport, reportJson } from '@slawatch/core';
import type { HistoryReadOptions, HistorySource } from '../src/index.js';
import { answeredTickets } from './answered-tickets.js';
import { as, TOKENS, useGateway } from './gateway-fixture.js';

// The gateway's report jobs over a history given here (the composition root reads the
// events topic: apps/slawatch's report-command test reads one from the real broker). The
// report itself is checked against the plain reference in test/e2e.

// November: A (emea) breaches its 15-minute first response, B (us) meets it.
const HISTORY = answeredTickets({
  A: { team: 'emea', created: '2026-11-03T09:00:00Z', reply: '2026-11-03T09:20:00Z' },
  B: { team: 'us', created: '2026-11-04T09:00:00Z', reply: '2026-11-04T09:05:00Z' },
});
const PERIOD = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };

/** The history, read when `open` is true (else the read waits until aborted or opened). */
class History implements HistorySource {
  open = true;
  async read(options: HistoryReadOptions) {
    options.onProgress(0, 4);
    while (!this.open) {
      options.signal.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    options.onProgress(4, 4);
    return { byTicket: HISTORY, rejected: 0, events: 4 };
  }
}

interface Job {
  id: string;
  kind: string;
  state: string;
  result?: unknown;
}

describe('report jobs (POST/GET/DELETE /api/v1/reports)', () => {
  const history = new History();
  const gw = useGateway({}, { history });
  const start = (body: object, token = TOKENS.reporter) =>
    gw.app.inject({ method: 'POST', url: '/api/v1/reports', headers: as(token), payload: body });
  const get = (url: string, token = TOKENS.reporter) =>
    gw.app.inject({ url: `/api/v1${url}`, headers: as(token) });
  const ended = (id: string, token = TOKENS.reporter) =>
    vi.waitFor(
      async () => {
        const job = (await get(`/reports/${id}`, token)).json<Job>();
        if (job.state === 'running') throw new Error('still running');
        return job;
      },
      { timeout: 5_000, interval: 20 },
    );

  it('runs a report of the period in the background, then serves it as JSON, HTML and CSV', async () => {
    const r = await start({ ...PERIOD, by: 'team' });
    expect(r.statusCode).toBe(202);
    const job = r.json<Job>();
    expect(job).toMatchObject({ kind: 'report', state: 'running' });
    expect(job.id).toMatch(/^rp_/);
    expect(r.headers.location).toBe(`/api/v1/reports/${job.id}`);
    const done = await ended(job.id);
    expect(done.state).toBe('done');
    const expected = periodReport(HISTORY, gw.deps.policies, {
      from: Date.parse(PERIOD.from),
      to: Date.parse(PERIOD.to),
      by: 'team',
    });
    expect(done.result).toEqual(JSON.parse(JSON.stringify(reportJson(expected, 0))));

    const html = await get(`/reports/${job.id}/report.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(html.body).toContain('<h1>SLA report 2026-11-01 – 2026-11-30 by team</h1>');
    const csv = await get(`/reports/${job.id}/report.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\r\n')[0]).toMatch(/^from,to,previousFrom,by,value,period\./);
    expect(csv.body.split('\r\n').filter((l) => l !== '')).toHaveLength(4); // header, *, emea, us

    // A report's id is no backtest's.
    expect((await get(`/backtest/${job.id}`, TOKENS.admin)).statusCode).toBe(404);
  });

  it('needs the report scope (or admin), and keeps a team-limited admin to its teams', async () => {
    expect((await start(PERIOD, TOKENS.read)).statusCode).toBe(403);
    const emea = (await start(PERIOD, TOKENS.emeaAdmin)).json<Job>();
    const done = await ended(emea.id, TOKENS.emeaAdmin);
    expect(
      (done.result as { overall: { period: { volume: { created: number } } } }).overall.period
        .volume.created,
    ).toBe(1);
    // The reporter's reports count every team: the emea admin may not read them.
    const all = (await start(PERIOD)).json<Job>();
    await ended(all.id);
    expect((await get(`/reports/${all.id}`, TOKENS.emeaAdmin)).statusCode).toBe(404);
  });

  it('refuses a period that is not one, naming the field, and starts nothing', async () => {
    const bad = await start({ from: 'November', to: PERIOD.from });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toEqual([
      'body.from',
    ]);
    const empty = await start({ from: PERIOD.to, to: PERIOD.from });
    expect(empty.json()).toMatchObject({
      code: 'SLW_REQUEST_INVALID',
      problems: [
        { path: 'body.to', message: expect.stringContaining('the period is empty') as unknown },
      ],
    });
    expect((await start({ ...PERIOD, by: 'colour' })).statusCode).toBe(400);
  });

  it('has no page to render while the report runs (409), and cancels it', async () => {
    history.open = false;
    const job = (await start(PERIOD)).json<Job>();
    const early = await get(`/reports/${job.id}/report.html`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'SLW_JOB_NOT_DONE' });
    const del = await gw.app.inject({
      method: 'DELETE',
      url: `/api/v1/reports/${job.id}`,
      headers: as(TOKENS.reporter),
    });
    expect(del.statusCode).toBe(204);
    const cancelled = await vi.waitFor(
      async () => {
        const j = (await get(`/reports/${job.id}`)).json<Job>();
        if (j.state === 'running') throw new Error('still running');
        return j;
      },
      { timeout: 8_000, interval: 100 },
    );
    expect(cancelled.state).toBe('cancelled');
    history.open = true;
  }, 15_000);
});
