import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-client';
import type { BacktestJob } from '../src/api/backtest-job';
import type { BacktestReport } from '../src/api/backtest-report';
import { BacktestRun, POLL_MS, type BacktestApi } from '../src/backtest/backtest-run';

const REPORT: BacktestReport = {
  from: 0,
  until: 1,
  tickets: 1,
  overall: {
    before: { met: 0, breached: 1, attainment: 0 },
    after: { met: 1, breached: 0, attainment: 1 },
  },
  byTeam: [],
  byPriority: [],
  byPolicy: [],
  changed: [],
  changedCount: 0,
  rejected: 0,
};

const job = (state: BacktestJob['state'], extra: Partial<BacktestJob> = {}): BacktestJob => ({
  id: 'bt_1',
  state,
  startedAt: 0,
  finishedAt: state === 'running' ? null : 1,
  progress: { stage: 'reading', done: 0, total: 0, etaSeconds: null },
  result: state === 'done' ? REPORT : null,
  error: null,
  ...extra,
});

/**
 * The gateway as the run sees it, answering from a script, and a clock the test moves:
 * `tick()` runs what is due and lets the answers it asked for arrive.
 */
function rig(answers: (BacktestJob | ApiError)[]) {
  const asked: string[] = [];
  const tasks: { at: number; task: () => void }[] = [];
  let now = 0;
  const delays: number[] = [];
  const cancels: (ApiError | null)[] = [];
  const api: BacktestApi = {
    startBacktest: () => {
      asked.push('start');
      return Promise.resolve(job('running'));
    },
    backtestJob: (id) => {
      asked.push(`get ${id}`);
      const next = answers.shift();
      if (next === undefined) throw new Error('no answer scripted');
      return next instanceof ApiError ? Promise.reject(next) : Promise.resolve(next);
    },
    cancelBacktest: (id) => {
      asked.push(`delete ${id}`);
      const outcome = cancels.shift() ?? null;
      return outcome === null ? Promise.resolve() : Promise.reject(outcome);
    },
  };
  let unauthorized = 0;
  const run = new BacktestRun(
    api,
    () => unauthorized++,
    (ms, task) => {
      delays.push(ms);
      const entry = { at: now + ms, task };
      tasks.push(entry);
      return () => tasks.splice(tasks.indexOf(entry), 1);
    },
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    run,
    asked,
    delays,
    cancels,
    unauthorized: () => unauthorized,
    pending: () => tasks.length,
    async tick(ms = POLL_MS) {
      now += ms;
      for (const due of tasks.filter((t) => t.at <= now)) {
        tasks.splice(tasks.indexOf(due), 1);
        due.task();
      }
      await settle();
    },
    settle,
  };
}

const CANDIDATE = { yaml: 'policies: []' };

describe('a backtest run', () => {
  it('polls about once a second while the job runs, and ends with its report', async () => {
    const r = rig([
      job('running', { progress: { stage: 'reading', done: 5, total: 10, etaSeconds: 1 } }),
      job('running', { progress: { stage: 'comparing', done: 1, total: 2, etaSeconds: 0.5 } }),
      job('done'),
    ]);
    await r.run.start(CANDIDATE, { from: '7d' });
    expect(r.run.phase.value.kind).toBe('running');
    await r.tick();
    const phase = r.run.phase.value;
    expect(phase.kind === 'running' && phase.job.progress.done).toBe(5);
    await r.tick();
    await r.tick();
    expect(r.run.phase.value).toMatchObject({ kind: 'done', report: REPORT });
    expect(r.asked).toEqual(['start', 'get bt_1', 'get bt_1', 'get bt_1']);
    expect(r.delays).toEqual([POLL_MS, POLL_MS, POLL_MS]);
    expect(r.pending()).toBe(0);
  });

  it('keeps polling, slower, while the gateway does not answer, and says so', async () => {
    const r = rig([new ApiError(0, 'unreachable'), new ApiError(503, 'x'), job('done')]);
    await r.run.start(CANDIDATE, {});
    await r.tick();
    const phase = r.run.phase.value;
    expect(phase.kind === 'running' && phase.trouble).toMatch(/reached/);
    await r.tick(2 * POLL_MS);
    await r.tick(4 * POLL_MS);
    expect(r.run.phase.value.kind).toBe('done');
    expect(r.delays).toEqual([POLL_MS, 2 * POLL_MS, 4 * POLL_MS]);
  });

  it('ends failed with the job error, or when the job is gone', async () => {
    const failed = rig([
      job('failed', { error: { code: 'SLW_JOB_TIMEOUT', error: 'backtest: not finished' } }),
    ]);
    await failed.run.start(CANDIDATE, {});
    await failed.tick();
    expect(failed.run.phase.value).toMatchObject({
      kind: 'failed',
      failure: { code: 'SLW_JOB_TIMEOUT', message: 'backtest: not finished' },
    });

    const gone = rig([new ApiError(404, 'no backtest', 'SLW_JOB_NOT_FOUND')]);
    await gone.run.start(CANDIDATE, {});
    await gone.tick();
    const phase = gone.run.phase.value;
    expect(phase).toMatchObject({ kind: 'failed', failure: { code: 'SLW_JOB_NOT_FOUND' } });
    expect(phase.kind === 'failed' && phase.failure.message).toMatch(/kept a day/);
    expect(gone.pending()).toBe(0);
  });

  it('is cancelled on request, showing it is cancelling until the job says so', async () => {
    const r = rig([job('running'), job('cancelled')]);
    await r.run.start(CANDIDATE, {});
    await r.run.cancel();
    expect(r.run.phase.value).toMatchObject({ kind: 'running', cancelling: true });
    await r.tick();
    // Still running at the next poll: the gateway stops it at its next check.
    expect(r.run.phase.value).toMatchObject({ kind: 'running', cancelling: true });
    await r.tick();
    expect(r.run.phase.value.kind).toBe('cancelled');
    expect(r.asked).toContain('delete bt_1');
  });

  it('takes a cancel that crossed the job finishing in its stride', async () => {
    const r = rig([job('done')]);
    r.cancels.push(new ApiError(409, 'no longer running', 'SLW_JOB_FINISHED'));
    await r.run.start(CANDIDATE, {});
    await r.run.cancel();
    await r.tick();
    expect(r.run.phase.value.kind).toBe('done');
  });

  it('shows why a start was refused, with the problems by path', async () => {
    const problems = [{ path: 'body.policies.policies[0].id', message: 'is required' }];
    const refused = new BacktestRun({
      startBacktest: () =>
        Promise.reject(
          new ApiError(400, 'invalid policy document', 'SLW_POLICY_INVALID', problems),
        ),
      backtestJob: () => Promise.reject(new Error('not asked')),
      cancelBacktest: () => Promise.resolve(),
    });
    await refused.start(CANDIDATE, {});
    expect(refused.phase.value).toMatchObject({
      kind: 'failed',
      failure: { code: 'SLW_POLICY_INVALID', problems },
    });
  });

  it('tells the page when the token stops being accepted', async () => {
    const r = rig([new ApiError(401, 'unknown or revoked token', 'SLW_AUTH_TOKEN_UNKNOWN')]);
    await r.run.start(CANDIDATE, {});
    await r.tick();
    expect(r.run.phase.value.kind).toBe('failed');
    expect(r.unauthorized()).toBe(1);
  });

  it('stops polling once disposed', async () => {
    const r = rig([job('done')]);
    await r.run.start(CANDIDATE, {});
    r.run.dispose();
    await r.tick();
    expect(r.run.phase.value.kind).toBe('running');
    expect(r.pending()).toBe(0);
    expect(r.asked).toEqual(['start']);
  });
});
