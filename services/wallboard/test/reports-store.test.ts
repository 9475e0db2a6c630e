import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-client';
import type { ReportJob, ReportSummary } from '../src/api/report-job';
import type { ReportFile, ReportRequest, ReportsApi } from '../src/api/reports-api';
import type { Session } from '../src/api/session';
import { POLL_MS, type Schedule } from '../src/jobs/job-run';
import { mayReport, ReportsStore } from '../src/state/reports-store';

const session = (scopes: string[]): Session => ({
  name: 'ops',
  scopes,
  teams: null,
  windows: ['1h'],
  choices: { team: [], queue: [] },
});

const SUMMARY: ReportSummary = { from: 0, to: 1, by: null, rows: 0, breachedCount: 0 };
const job = (state: ReportJob['state']): ReportJob => ({
  id: 'rp_1',
  state,
  startedAt: 0,
  finishedAt: state === 'running' ? null : 1,
  progress: { stage: 'computing', done: 1, total: 2, etaSeconds: 1 },
  result: state === 'done' ? SUMMARY : null,
  error: null,
});

/** The gateway as the page sees it, answering polls from a script; a clock the test moves. */
function gateway(
  polls: (ReportJob | ApiError)[],
  file: Blob | ApiError = new Blob(['<h1>r</h1>']),
) {
  const started: ReportRequest[] = [];
  const files: { id: string; file: ReportFile }[] = [];
  const tasks: (() => void)[] = [];
  const api: ReportsApi = {
    startReport: (request) => {
      started.push(request);
      return Promise.resolve(job('running'));
    },
    reportJob: () => {
      const next = polls.shift();
      if (next === undefined) throw new Error('no answer scripted');
      return next instanceof ApiError ? Promise.reject(next) : Promise.resolve(next);
    },
    cancelReport: () => Promise.resolve(),
    reportFile: (id, name) => {
      files.push({ id, file: name });
      return file instanceof ApiError ? Promise.reject(file) : Promise.resolve(file);
    },
  };
  const schedule: Schedule = (ms, task) => {
    expect(ms).toBe(POLL_MS);
    tasks.push(task);
    return () => undefined;
  };
  const tick = async () => {
    tasks.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { api, started, files, schedule, tick };
}

const NOW = new Date(2025, 2, 10, 14, 30);

describe('the Reports page', () => {
  it('lets report and admin tokens run reports, and no other', () => {
    expect(mayReport(session(['report']))).toBe(true);
    expect(mayReport(session(['admin']))).toBe(true);
    expect(mayReport(session(['read', 'ingest']))).toBe(false);
  });

  it('sends nothing for a token without the scope', async () => {
    const g = gateway([]);
    const store = new ReportsStore(g.api, session(['read']), undefined, g.schedule, () => NOW);
    await store.startRun();
    expect(g.started).toEqual([]);
    expect(store.run.phase.value.kind).toBe('idle');
  });

  it('runs last month by team, polls it to done, and shows its page once', async () => {
    const g = gateway([job('running'), job('done')]);
    const store = new ReportsStore(g.api, session(['report']), undefined, g.schedule, () => NOW);
    store.by.value = 'team';
    await store.startRun();
    expect(g.started).toEqual([
      {
        from: new Date(2025, 1, 1).toISOString(),
        to: new Date(2025, 2, 1).toISOString(),
        by: 'team',
      },
    ]);
    expect(store.run.phase.value.kind).toBe('running');
    await g.tick();
    expect(store.run.phase.value.kind).toBe('running');
    await g.tick();
    expect(store.run.phase.value).toMatchObject({ kind: 'done', report: SUMMARY });

    await Promise.all([store.showReport('rp_1'), store.showReport('rp_1')]);
    expect(store.page.value).toEqual({ kind: 'shown', id: 'rp_1', html: '<h1>r</h1>' });
    expect(g.files).toEqual([{ id: 'rp_1', file: 'report.html' }]);
  });

  it('names a file as the gateway does', async () => {
    const g = gateway([]);
    const store = new ReportsStore(g.api, session(['report']), undefined, g.schedule, () => NOW);
    const saved = await store.file('rp_1', 'report.csv');
    expect(saved.name).toBe('slawatch-report-rp_1.csv');
  });

  it('refuses an incomplete custom period without asking the gateway', async () => {
    const g = gateway([]);
    const store = new ReportsStore(g.api, session(['report']), undefined, g.schedule, () => NOW);
    store.setPeriod({ preset: 'custom', from: '2025-03-01T00:00', to: '' });
    await store.startRun();
    expect(g.started).toEqual([]);
    expect(store.refusal.value?.map((p) => p.path)).toEqual(['body.to']);
  });

  it("says why the report's page could not be had, with the code", async () => {
    const g = gateway([], new ApiError(409, 'rp_1 is running', 'SLW_JOB_NOT_DONE'));
    const store = new ReportsStore(g.api, session(['admin']), undefined, g.schedule, () => NOW);
    await store.showReport('rp_1');
    expect(store.page.value).toMatchObject({
      kind: 'failed',
      failure: { code: 'SLW_JOB_NOT_DONE', message: 'The report is not finished yet.' },
    });
  });

  it('shows a busy gateway with its code, and signs out on a 401', async () => {
    const g = gateway([]);
    let signedOut = 0;
    const busy: ReportsApi = {
      ...g.api,
      startReport: () => Promise.reject(new ApiError(429, 'two jobs run', 'SLW_JOB_BUSY')),
    };
    const store = new ReportsStore(
      busy,
      session(['report']),
      () => signedOut++,
      g.schedule,
      () => NOW,
    );
    await store.startRun();
    expect(store.run.phase.value).toMatchObject({
      kind: 'failed',
      failure: { code: 'SLW_JOB_BUSY' },
    });
    const gone: ReportsApi = {
      ...g.api,
      reportFile: () => Promise.reject(new ApiError(401, 'no')),
    };
    await new ReportsStore(gone, session(['report']), () => signedOut++)
      .file('rp_1', 'report.csv')
      .catch(() => undefined);
    expect(signedOut).toBe(1);
  });
});
