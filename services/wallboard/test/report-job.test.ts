import { describe, expect, it } from 'vitest';
import { MalformedAnswer } from '../src/api/json-reader';
import { parseReportJob } from '../src/api/report-job';

const job = (extra: object) => ({
  id: 'rp_1',
  kind: 'report',
  state: 'running',
  startedAt: '2025-03-10T14:30:00.000Z',
  finishedAt: null,
  progress: { stage: 'computing', done: 3, total: 10, etaSeconds: 2 },
  error: null,
  ...extra,
});

const RESULT = {
  from: '2025-02-01T00:00:00.000Z',
  to: '2025-03-01T00:00:00.000Z',
  previousFrom: '2025-01-04T00:00:00.000Z',
  by: 'team',
  overall: { value: null, period: {}, previous: {} },
  rows: [{ value: 'emea' }, { value: 'us' }],
  breached: [],
  breachedCount: 4,
  rejected: 0,
};

describe('a report job', () => {
  it('reads a running job, without a result', () => {
    const read = parseReportJob(job({}));
    expect(read.state).toBe('running');
    expect(read.progress).toEqual({ stage: 'computing', done: 3, total: 10, etaSeconds: 2 });
    expect(read.result).toBeNull();
  });

  it("reads a done job's period and size", () => {
    const read = parseReportJob(job({ state: 'done', result: RESULT }));
    expect(read.result).toEqual({
      from: Date.parse(RESULT.from),
      to: Date.parse(RESULT.to),
      by: 'team',
      rows: 2,
      breachedCount: 4,
    });
  });

  it('refuses a done job without its report, naming the field', () => {
    expect(() => parseReportJob(job({ state: 'done' }))).toThrow(MalformedAnswer);
    expect(() => parseReportJob(job({ state: 'done', result: { ...RESULT, rows: 2 } }))).toThrow(
      /result\.rows/,
    );
  });

  it("reads a failed job's error", () => {
    const read = parseReportJob(
      job({ state: 'failed', error: { code: 'SLW_JOB_FAILED', error: 'the topic is gone' } }),
    );
    expect(read.error).toEqual({ code: 'SLW_JOB_FAILED', error: 'the topic is gone' });
  });
});
