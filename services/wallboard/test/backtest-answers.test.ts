import { describe, expect, it } from 'vitest';
import {
  comparePolicies,
  parsePolicyDocument,
  validateEvent,
  type AcceptedEvent,
  type PolicySet,
} from '@slawatch/core';
import { MalformedAnswer } from '../src/api/json-reader';
import { parseBacktestJob } from '../src/api/backtest-job';
import { parseBacktestReport } from '../src/api/backtest-report';
import { parseValidationAnswer } from '../src/api/validation-answer';

const policies = (yaml: string): PolicySet => {
  const loaded = parsePolicyDocument(yaml);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.policySet;
};

let seq = 0;
const event = (subject: string, time: string, type: string, data: object): AcceptedEvent => {
  const r = validateEvent({
    specversion: '1.0',
    id: `e${++seq}`,
    source: 't',
    type,
    subject,
    time,
    data,
  });
  if (!r.ok) throw new Error(r.reason);
  return { event: r.event, time: r.time, seq };
};

/** The report core computes, as the gateway sends it (docs/api.md, "Backtests"). */
function gatewayReport() {
  const created = (id: string) =>
    event(id, '2026-12-01T09:00:00Z', 'ticket.created', {
      priority: 'high',
      channel: 'email',
      team: 'emea',
    });
  const reply = (id: string, time: string) =>
    event(id, time, 'ticket.commented', { author: 'agent', public: true });
  const histories = new Map([
    ['SLOW', [created('SLOW'), reply('SLOW', '2026-12-01T09:30:00Z')]],
    ['FAST', [created('FAST'), reply('FAST', '2026-12-01T09:05:00Z')]],
  ]);
  const report = comparePolicies(
    histories,
    policies('policies: [{ id: tight, targets: { firstResponse: 10m } }]'),
    policies('policies: [{ id: loose, targets: { firstResponse: 1h } }]'),
    { from: Date.parse('2026-12-01T00:00:00Z'), until: Date.parse('2026-12-02T00:00:00Z') },
  );
  return {
    ...report,
    from: new Date(report.from).toISOString(),
    until: new Date(report.until).toISOString(),
    rejected: 2,
  };
}

describe('the backtest report', () => {
  it('reads what core computes, as the gateway sends it', () => {
    const report = parseBacktestReport(gatewayReport());
    expect(report.from).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(report.tickets).toBe(2);
    expect(report.rejected).toBe(2);
    expect(report.overall).toEqual({
      before: { met: 1, breached: 1, attainment: 0.5 },
      after: { met: 2, breached: 0, attainment: 1 },
    });
    expect(report.byTeam).toEqual([
      {
        value: 'emea',
        clock: 'firstResponse',
        before: { met: 1, breached: 1, attainment: 0.5 },
        after: { met: 2, breached: 0, attainment: 1 },
      },
    ]);
    expect(report.byPolicy.map((r) => r.value)).toEqual(['loose', 'tight']);
    expect(report.changedCount).toBe(1);
    expect(report.changed).toEqual([
      {
        ticketId: 'SLOW',
        team: 'emea',
        priority: 'high',
        policyBefore: 'tight',
        policyAfter: 'loose',
        changes: [{ clock: 'firstResponse', cycle: 1, before: 'breached', after: 'met' }],
      },
    ]);
  });

  it('names the first field that is not as documented, rather than showing zeros', () => {
    const broken = { ...gatewayReport(), overall: { before: { met: 1 } } };
    expect(() => parseBacktestReport(broken)).toThrow(MalformedAnswer);
    expect(() => parseBacktestReport(broken)).toThrow('result.overall.before.breached');
    const badChange = gatewayReport();
    const changed = [
      {
        ...badChange.changed[0]!,
        changes: [{ clock: 'x', cycle: 1, before: 'won', after: 'met' }],
      },
    ];
    expect(() => parseBacktestReport({ ...badChange, changed })).toThrow(
      'result.changed[0].changes[0].before',
    );
  });
});

describe('the backtest job', () => {
  const running = {
    id: 'bt_1',
    state: 'running',
    requestedBy: 'operator',
    teams: null,
    startedAt: '2026-12-07T08:00:00.000Z',
    finishedAt: null,
    window: { from: '2026-11-30T08:00:00.000Z', until: '2026-12-07T08:00:00.000Z' },
    progress: { stage: 'reading', done: 120000, total: 480000, etaSeconds: 3.1 },
    updatedAt: '2026-12-07T08:00:01.000Z',
  };

  it('reads a running job, its progress and no report yet', () => {
    const job = parseBacktestJob(running);
    expect(job).toMatchObject({
      id: 'bt_1',
      state: 'running',
      finishedAt: null,
      result: null,
      error: null,
    });
    expect(job.progress).toEqual({
      stage: 'reading',
      done: 120000,
      total: 480000,
      etaSeconds: 3.1,
    });
  });

  it('reads a done job with its report, and a failed one with its error', () => {
    const done = parseBacktestJob({
      ...running,
      state: 'done',
      finishedAt: '2026-12-07T08:00:09.000Z',
      result: gatewayReport(),
    });
    expect(done.result?.changed[0]?.ticketId).toBe('SLOW');
    const failed = parseBacktestJob({
      ...running,
      state: 'failed',
      error: { code: 'SLW_JOB_TOO_LARGE', error: 'backtest: too many' },
    });
    expect(failed.error).toEqual({ code: 'SLW_JOB_TOO_LARGE', error: 'backtest: too many' });
  });

  it('refuses a done job without its report, and a state it does not know', () => {
    expect(() => parseBacktestJob({ ...running, state: 'done' })).toThrow('result');
    expect(() => parseBacktestJob({ ...running, state: 'paused' })).toThrow('state');
  });
});

describe('the validation answer', () => {
  it('reads both verdicts, every problem with its path', () => {
    expect(parseValidationAnswer({ valid: true, calendars: 2, policies: 3 })).toEqual({
      valid: true,
      calendars: 2,
      policies: 3,
    });
    expect(
      parseValidationAnswer({
        valid: false,
        problems: [
          { path: 'policies[0].id', message: 'is required' },
          { path: '', message: 'line 1, column 3: bad' },
        ],
      }),
    ).toEqual({
      valid: false,
      problems: [
        { path: 'policies[0].id', message: 'is required' },
        { path: '', message: 'line 1, column 3: bad' },
      ],
    });
  });

  it('never calls an answer it cannot read valid', () => {
    expect(parseValidationAnswer({ valid: 'yes' })).toMatchObject({ valid: false });
    expect(parseValidationAnswer(null)).toMatchObject({ valid: false });
  });
});
