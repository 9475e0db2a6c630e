import { describe, expect, it, vi } from 'vitest';
import { comparePolicies, parsePolicyDocument } from '@slawatch/core';
import type { History, HistoryReadOptions, HistorySource } from '../src/index.js';
import { answeredTickets } from './answered-tickets.js';
import { as, NOW, TOKENS, useGateway } from './gateway-fixture.js';

// The gateway's backtest jobs over a history given here (the composition root reads it from
// the events topic: apps/slawatch's backtest-route test does that against the real broker).

const CANDIDATE = `policies:
  - id: urgent-relaxed
    match: { priority: [urgent] }
    targets: { firstResponse: 30m, resolution: 4h }
`;
const SINCE = '2026-11-23T00:00:00Z';
const UNTIL = '2026-11-23T12:00:00Z';

// A: answered after 20 minutes (breached at 15, met at 30); B: after 10 (met under both).
const HISTORY = answeredTickets({
  A: { team: 'emea', created: '2026-11-23T09:00:00Z', reply: '2026-11-23T09:20:00Z' },
  B: { team: 'us', created: '2026-11-23T09:00:00Z', reply: '2026-11-23T09:10:00Z' },
});

/** The history, read when the test says so (`release`), with progress, and stoppable. */
class GatedHistory implements HistorySource {
  reads = 0;
  private opened!: () => void;
  private gate = this.newGate();
  constructor(private readonly history: History | 'too-large') {}

  private newGate() {
    return new Promise<void>((resolve) => (this.opened = resolve));
  }
  /** Lets the reads waiting finish; later reads wait again. */
  release(): void {
    this.opened();
    this.gate = this.newGate();
  }
  async read(options: HistoryReadOptions) {
    this.reads += 1;
    options.onProgress(0, 2);
    const gate = this.gate;
    await new Promise<void>((resolve, reject) => {
      options.signal.addEventListener('abort', () => reject(options.signal.reason as Error));
      void gate.then(resolve);
    });
    options.onProgress(2, 2);
    return this.history;
  }
}

interface Job {
  id: string;
  state: string;
  requestedBy: string;
  window: { from: string; until: string };
  progress: { stage: string; done: number; total: number };
  result?: ReturnType<typeof comparePolicies> & { rejected: number };
  error?: { code: string; error: string };
}

type Gateway = ReturnType<typeof useGateway>;

/** `POST /api/v1/backtest` of `body` as `token`. */
const startBacktest = (gw: Gateway, body: object, token = TOKENS.admin) =>
  gw.app.inject({ method: 'POST', url: '/api/v1/backtest', headers: as(token), payload: body });

/** The job as `token` reads it, with the answer's status. */
const readJob = async (gw: Gateway, id: string, token = TOKENS.admin) => {
  const r = await gw.app.inject({ url: `/api/v1/backtest/${id}`, headers: as(token) });
  return { status: r.statusCode, job: r.json<Job>() };
};

/** The job once it is no longer running. */
const jobEnded = (gw: Gateway, id: string, token = TOKENS.admin, timeout = 5_000) =>
  vi.waitFor(
    async () => {
      const { job } = await readJob(gw, id, token);
      if (job.state === 'running') throw new Error('still running');
      return job;
    },
    { timeout, interval: 20 },
  );

describe('backtest jobs (POST/GET/DELETE /api/v1/backtest)', () => {
  const history = new GatedHistory({ byTicket: HISTORY, rejected: 1, events: 4 });
  const gw = useGateway({}, { history });
  const start = (body: object, token = TOKENS.admin) => startBacktest(gw, body, token);
  const job = (id: string, token = TOKENS.admin) => readJob(gw, id, token);
  const finished = (id: string, token = TOKENS.admin) => jobEnded(gw, id, token);

  it('runs a job in the background: 202 with its place, its progress, then the report', async () => {
    const r = await start({ policies: CANDIDATE, since: SINCE, until: UNTIL });
    expect(r.statusCode).toBe(202);
    const started = r.json<Job>();
    expect(r.headers.location).toBe(`/api/v1/backtest/${started.id}`);
    expect(started).toMatchObject({
      state: 'running',
      requestedBy: 'operator',
      window: { from: '2026-11-23T00:00:00.000Z', until: '2026-11-23T12:00:00.000Z' },
      progress: { stage: 'reading' },
    });
    expect((await job(started.id)).job.state).toBe('running');
    history.release();
    const done = await finished(started.id);
    expect(done.state).toBe('done');
    const loaded = parsePolicyDocument(CANDIDATE);
    if (!loaded.ok) throw new Error('candidate');
    const expected = comparePolicies(HISTORY, gw.deps.policies, loaded.policySet, {
      from: Date.parse(SINCE),
      until: Date.parse(UNTIL),
    });
    expect(done.result).toEqual({
      ...expected,
      from: '2026-11-23T00:00:00.000Z',
      until: '2026-11-23T12:00:00.000Z',
      rejected: 1,
    });
    expect(done.result?.changed.map((c) => c.ticketId)).toEqual(['A']);
  });

  it('refuses an invalid candidate with every problem under body.policies, and starts nothing', async () => {
    const reads = history.reads;
    const r = await start({
      policies: { policies: [{ id: 'x', targets: { firstResponse: 'soon' } }] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      code: 'SLW_POLICY_INVALID',
      problems: [
        expect.objectContaining({
          path: expect.stringMatching(/^body\.policies\.policies\[0\]/) as unknown,
        }) as unknown,
      ],
    });
    const bad = await start({ policies: CANDIDATE, from: '7 days', since: 'yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toEqual([
      'body.from',
      'body.from',
      'body.since',
    ]);
    const empty = await start({ policies: CANDIDATE, since: UNTIL, until: SINCE });
    expect(empty.json()).toMatchObject({
      code: 'SLW_REQUEST_INVALID',
      problems: [
        { path: 'body.since', message: expect.stringContaining('the window is empty') as unknown },
      ],
    });
    expect(history.reads).toBe(reads);
  });

  it('needs the admin scope, and keeps a team-limited admin to its teams', async () => {
    expect((await start({ policies: CANDIDATE }, TOKENS.read)).statusCode).toBe(403);
    const operators = (
      await start({ policies: CANDIDATE, since: SINCE, until: UNTIL })
    ).json<Job>();
    history.release();
    await finished(operators.id);
    // The operator's job compared every team: an emea admin may not read it.
    expect((await job(operators.id, TOKENS.emeaAdmin)).status).toBe(404);
    const emea = (
      await start({ policies: CANDIDATE, since: SINCE, until: UNTIL }, TOKENS.emeaAdmin)
    ).json<Job>();
    history.release();
    const done = await finished(emea.id, TOKENS.emeaAdmin);
    expect(done.result?.tickets).toBe(1);
    expect(done.result?.byTeam.map((row) => row.value)).toEqual(['emea']);
    expect((await job(emea.id)).status).toBe(200);
  });

  it('runs one job at a time per gateway (429), and cancels a running one', async () => {
    const first = (await start({ policies: CANDIDATE })).json<Job>();
    const second = await start({ policies: CANDIDATE });
    expect(second.statusCode).toBe(429);
    expect(second.json()).toMatchObject({ code: 'SLW_JOB_BUSY' });
    const del = await gw.app.inject({
      method: 'DELETE',
      url: `/api/v1/backtest/${first.id}`,
      headers: as(TOKENS.admin),
    });
    expect(del.statusCode).toBe(204);
    // The runner sees the cancel on its next heartbeat (5 s).
    const ended = await jobEnded(gw, first.id, TOKENS.admin, 8_000);
    expect(ended.state).toBe('cancelled');
    expect(ended.result).toBeUndefined();
    const again = await gw.app.inject({
      method: 'DELETE',
      url: `/api/v1/backtest/${first.id}`,
      headers: as(TOKENS.admin),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SLW_JOB_FINISHED' });
    expect((await job('bt_nothing')).status).toBe(404);
    expect((await job('not-a-job-id')).status).toBe(400);
  }, 15_000);

  it('answers a running job whose gateway stopped writing as failed', async () => {
    const id = 'bt_lost';
    const stale = new Date(NOW - 60_000).toISOString();
    await gw.redis.hset(
      gw.keys.job(id),
      'job',
      JSON.stringify({
        id,
        kind: 'backtest',
        state: 'running',
        teams: null,
        updatedAt: stale,
        progress: {},
      }),
    );
    const { job: lost } = await job(id);
    expect(lost.state).toBe('failed');
    expect(lost.error).toMatchObject({
      code: 'SLW_JOB_STOPPED',
      error: expect.stringContaining(`no progress since ${stale}`) as unknown,
    });
  });
});

describe('backtest jobs: bounds and shutdown', () => {
  const tooLarge = new GatedHistory('too-large');
  const gw = useGateway({ jobs: { maxEvents: 3 } }, { history: tooLarge });

  it('fails a job whose history holds more events than SLAWATCH_JOB_MAX_EVENTS, saying so', async () => {
    const r = await startBacktest(gw, { policies: CANDIDATE });
    tooLarge.release();
    const id = r.json<Job>().id;
    const failed = await jobEnded(gw, id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: {
        code: 'SLW_JOB_TOO_LARGE',
        error: expect.stringContaining('more than 3 events (SLAWATCH_JOB_MAX_EVENTS)') as unknown,
      },
    });
  });

  it('ends a running job as failed when the gateway stops', async () => {
    const r = await startBacktest(gw, { policies: CANDIDATE });
    const id = r.json<Job>().id;
    await gw.app.close();
    const saved = JSON.parse((await gw.redis.hget(gw.keys.job(id), 'job'))!) as Job;
    expect(saved).toMatchObject({
      state: 'failed',
      error: {
        code: 'SLW_JOB_STOPPED',
        error: expect.stringContaining('the gateway running it was stopped') as unknown,
      },
    });
  });
});

describe('backtest jobs: time limit', () => {
  const never = new GatedHistory({ byTicket: HISTORY, rejected: 0, events: 4 });
  const gw = useGateway({ jobs: { timeoutMs: 300 } }, { history: never });

  it('fails a job still running past SLAWATCH_JOB_TIMEOUT, saying where it was', async () => {
    const r = await startBacktest(gw, { policies: CANDIDATE });
    const id = r.json<Job>().id;
    const failed = await jobEnded(gw, id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: {
        code: 'SLW_JOB_TIMEOUT',
        error: expect.stringContaining(
          'not finished within 300 ms (SLAWATCH_JOB_TIMEOUT); reading 0 of 2 messages done',
        ) as unknown,
      },
    });
  });

  it('takes one of two requests that come at once, and refuses the other (429)', async () => {
    const post = () => startBacktest(gw, { policies: CANDIDATE });
    const codes = (await Promise.all([post(), post()])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([202, 429]);
  });
});
