import { describe, expect, it } from 'vitest';
import type { ReportRequest, ReportsApi } from '../src/api/reports-api';
import type { Session } from '../src/api/session';
import { localInput, parseReportLink } from '../src/reports/report-link';
import { ReportsStore } from '../src/state/reports-store';

const SESSION: Session = {
  name: 'ops',
  scopes: ['report'],
  teams: null,
  windows: ['1h'],
  choices: { team: [], queue: [] },
};

/** A gateway that records the reports asked for and answers each with a running job. */
function gateway() {
  const started: ReportRequest[] = [];
  const api: ReportsApi = {
    startReport: (request) => {
      started.push(request);
      return Promise.resolve({
        id: 'rp_1',
        state: 'running',
        startedAt: 0,
        finishedAt: null,
        progress: { stage: 'reading', done: 0, total: 1, etaSeconds: null },
        result: null,
        error: null,
      });
    },
    reportJob: () => new Promise(() => undefined),
    cancelReport: () => Promise.resolve(),
    reportFile: () => Promise.resolve(new Blob()),
  };
  return { api, started };
}

const FROM = '2026-11-30T07:00:00Z';
const TO = '2026-12-07T07:00:00Z';
const DIGEST_LINK = `?page=reports&from=${FROM}&to=${TO}&by=team`;

describe('the Reports page opened from a link', () => {
  it('reads the period and the breakdown from the address, the ends in this browser’s zone', () => {
    expect(parseReportLink(DIGEST_LINK)).toEqual({
      period: {
        preset: 'custom',
        from: localInput(new Date(FROM)),
        to: localInput(new Date(TO)),
      },
      by: 'team',
    });
  });

  it('leaves the form alone for what is not an instant or a breakdown it offers', () => {
    expect(parseReportLink('?page=reports')).toEqual({});
    expect(parseReportLink('?from=last-week&to=2026-12-07T07:00:00Z&by=colour')).toEqual({});
    expect(parseReportLink('?from=2026-11-30&to=2026-12-07T07:00:00Z&by=queue')).toEqual({
      by: 'queue',
    });
  });

  it('runs the linked report over exactly the linked period, by team', async () => {
    const g = gateway();
    const store = new ReportsStore(g.api, SESSION, undefined, () => () => undefined);
    store.prefill(DIGEST_LINK);
    expect(store.period.value.preset).toBe('custom');
    expect(store.by.value).toBe('team');
    await store.startRun();
    expect(g.started).toEqual([
      { from: '2026-11-30T07:00:00.000Z', to: TO.replace('Z', '.000Z'), by: 'team' },
    ]);
  });

  it('takes the link in once: a choice made since stays when the page is shown again', () => {
    const store = new ReportsStore(gateway().api, SESSION);
    store.prefill(DIGEST_LINK);
    store.by.value = 'queue';
    store.prefill(DIGEST_LINK);
    expect(store.by.value).toBe('queue');
    store.dispose();
  });
});
