import { describe, expect, it } from 'vitest';
import { foldTicket, summarizeMetrics, ticketMetrics } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { agent, created, customer, status, update } from '../support/builders.js';
import { clockOf, instant, policiesFrom, timersOf, viewOf } from '../support/engine.js';
import { t, testPolicies } from '../support/test-policies.js';

// Given/When/Then tests of docs/events.md "Further clocks", one or more per rule. Times
// are on Monday 2026-11-23 (UTC); `office` is Berlin 09:00-17:00 local, 08:00-16:00Z.
const P = policiesFrom(`
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly:
      mon: ["09:00-17:00"]
      tue: ["09:00-17:00"]
policies:
  - id: updates
    match: { priority: [urgent] }
    calendar: 24x7
    targets: { firstResponse: 15m, periodicUpdate: 1h, pausableUpdate: 1h, requesterWait: 4h, agentWork: 2h }
    warnAt: [0.5]
  - id: office-updates
    match: { priority: [high] }
    calendar: office
    targets: { periodicUpdate: 1h }
  - id: plain
    match: { priority: [normal] }
    calendar: 24x7
    targets: { firstResponse: 1h }
`);

const kinds = (view: ReturnType<typeof viewOf>) => view!.clocks.map((c) => `${c.kind}#${c.cycle}`);

describe('further clocks: shown only where the policy in force targets them', () => {
  it('are kept only when some policy of the document targets their kind', () => {
    const view = viewOf(testPolicies, [created(t('09:00')), agent(t('09:05'))], t('09:10'));
    expect(kinds(view)).toEqual(['firstResponse#1', 'resolution#1']);
  });

  it('follow the first three in the view, in the order periodic, pausable, wait, work', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), customer(t('09:10')), agent(t('09:20'))],
      t('09:30'),
    );
    expect(kinds(view)).toEqual([
      'firstResponse#1',
      'periodicUpdate#1',
      'periodicUpdate#2',
      'pausableUpdate#1',
      'pausableUpdate#2',
      'requesterWait#1',
      'agentWork#1',
    ]);
  });

  it('are not shown under a policy without their target, yet keep counting for a later one', () => {
    const events = [
      created(t('09:00'), { priority: 'normal' }),
      status(t('09:30'), 'pending'),
      status(t('10:00'), 'open'),
    ];
    expect(kinds(viewOf(P, events, t('10:00')))).toEqual(['firstResponse#1']);
    // The update to `urgent` at 10:30 gives agent work a target "as if measured from its
    // start": 1.5 h counted before (the pending half hour not), so 30 minutes are left.
    const later = [...events, update(t('10:30'), { priority: 'urgent' })];
    expect(clockOf(viewOf(P, later, t('10:30')), 'agentWork')).toMatchObject({
      state: 'running',
      spentSeconds: 3600,
      deadline: t('11:30'),
    });
  });
});

describe('periodic update', () => {
  it('starts its first cycle at the first response, not at creation', () => {
    expect(kinds(viewOf(P, [created(t('09:00'))], t('09:10')))).not.toContain('periodicUpdate#1');
    expect(
      clockOf(viewOf(P, [created(t('09:00')), agent(t('09:05'))], t('09:35')), 'periodicUpdate'),
    ).toMatchObject({
      state: 'running',
      startedAt: t('09:05'),
      deadline: t('10:05'),
      spentSeconds: 1800,
      // Half of the hour spent: the policy's warnAt 0.5.
      atRisk: 0.5,
    });
  });

  it('is met by the next public agent comment, which starts the next cycle', () => {
    const view = viewOf(P, [created(t('09:00')), agent(t('09:05')), agent(t('09:50'))], t('10:00'));
    expect(clockOf(view, 'periodicUpdate', 1)).toMatchObject({
      state: 'met',
      stoppedAt: t('09:50'),
      spentSeconds: 2700,
    });
    expect(clockOf(view, 'periodicUpdate', 2)).toMatchObject({
      state: 'running',
      startedAt: t('09:50'),
      deadline: t('10:50'),
    });
  });

  it('starts no cycle at a private agent comment or a customer comment', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), agent(t('09:20'), false), customer(t('09:30'))],
      t('09:40'),
    );
    expect(view!.clocks.filter((c) => c.kind === 'periodicUpdate')).toHaveLength(1);
  });

  it('breaches at its deadline when no update comes, whatever the customer does', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), customer(t('09:30'))],
      t('10:30'),
    );
    expect(clockOf(view, 'periodicUpdate')).toMatchObject({
      state: 'breached',
      breachedAt: t('10:05'),
    });
  });

  it('is never paused: pending counts', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), status(t('09:10'), 'pending')],
      t('10:10'),
    );
    expect(clockOf(view, 'periodicUpdate')).toMatchObject({
      state: 'breached',
      breachedAt: t('10:05'),
    });
  });

  it('is measured in the policy calendar’s business time', () => {
    // 15:30Z is 16:30 in Berlin: half an hour before closing, the rest the next morning.
    const events = [created(t('15:00'), { priority: 'high' }), agent(t('15:30'))];
    expect(clockOf(viewOf(P, events, t('15:45')), 'periodicUpdate')).toMatchObject({
      state: 'running',
      deadline: t('08:30', 24),
    });
  });

  it('is cancelled by a solve before its deadline, and stays breached after it', () => {
    const early = [created(t('09:00')), agent(t('09:05')), status(t('09:30'), 'solved')];
    expect(clockOf(viewOf(P, early, t('09:40')), 'periodicUpdate')).toMatchObject({
      state: 'cancelled',
      stoppedAt: t('09:30'),
    });
    const late = [created(t('09:00')), agent(t('09:05')), status(t('10:30'), 'closed')];
    expect(clockOf(viewOf(P, late, t('10:40')), 'periodicUpdate')).toMatchObject({
      state: 'breached',
      breachedAt: t('10:05'),
    });
  });

  it('starts no cycle at a comment on a solved ticket, and a new one at the reopen', () => {
    const events = [
      created(t('09:00')),
      agent(t('09:05')),
      status(t('09:30'), 'solved'),
      agent(t('09:40')),
      status(t('10:00'), 'open'),
    ];
    const view = viewOf(P, events, t('10:10'));
    expect(view!.clocks.filter((c) => c.kind === 'periodicUpdate')).toHaveLength(2);
    expect(clockOf(view, 'periodicUpdate', 2)).toMatchObject({
      state: 'running',
      startedAt: t('10:00'),
      deadline: t('11:00'),
    });
  });

  it('starts a cycle at a reopen even when the ticket was solved before any response', () => {
    // Chosen where the contract is silent: the first response clock never restarts, so
    // without this nothing would hold the team to updating a reopened ticket.
    const events = [created(t('09:00')), status(t('09:10'), 'solved'), status(t('09:20'), 'open')];
    expect(clockOf(viewOf(P, events, t('09:30')), 'periodicUpdate')).toMatchObject({
      state: 'running',
      startedAt: t('09:20'),
    });
  });

  it('has at-risk and deadline timers like the first three', () => {
    const timers = timersOf(P, [created(t('09:00')), agent(t('09:05'))]).filter(
      (x) => x.clock === 'periodicUpdate',
    );
    expect(timers.map((x) => [x.kind, new Date(x.at).toISOString()])).toEqual([
      ['warning', '2026-11-23T09:35:00.000Z'],
      ['deadline', '2026-11-23T10:05:00.000Z'],
    ]);
  });
});

describe('pausable update', () => {
  it('has the same cycles, paused while the status is in pauseOn', () => {
    const events = [
      created(t('09:00')),
      agent(t('09:05')),
      status(t('09:15'), 'pending'),
      status(t('10:15'), 'open'),
    ];
    expect(clockOf(viewOf(P, events.slice(0, 3), t('10:00')), 'pausableUpdate')).toMatchObject({
      state: 'paused',
      deadline: null,
      spentSeconds: 600,
    });
    expect(clockOf(viewOf(P, events, t('10:30')), 'pausableUpdate')).toMatchObject({
      state: 'running',
      spentSeconds: 1500,
      deadline: t('11:05'),
    });
  });

  it('starts a cycle paused when the agent comments on a pending ticket', () => {
    const events = [
      created(t('09:00')),
      status(t('09:01'), 'pending'),
      agent(t('09:05')),
      status(t('09:35'), 'open'),
    ];
    expect(clockOf(viewOf(P, events, t('09:45')), 'pausableUpdate')).toMatchObject({
      startedAt: t('09:05'),
      state: 'running',
      spentSeconds: 600,
    });
  });
});

describe('requester wait', () => {
  it('runs from creation to the solve, paused only in pending, and is met by the solve', () => {
    const events = [
      created(t('09:00')),
      status(t('09:30'), 'on_hold'),
      status(t('10:00'), 'pending'),
      status(t('11:00'), 'open'),
      status(t('11:30'), 'solved'),
    ];
    expect(clockOf(viewOf(P, events.slice(0, 3), t('10:30')), 'requesterWait')).toMatchObject({
      state: 'paused',
      spentSeconds: 3600,
    });
    expect(clockOf(viewOf(P, events, t('12:00')), 'requesterWait')).toMatchObject({
      state: 'met',
      stoppedAt: t('11:30'),
      spentSeconds: 5400,
    });
  });

  it('resumes at a reopen with the time already spent', () => {
    const events = [created(t('09:00')), status(t('10:00'), 'solved'), status(t('12:00'), 'open')];
    expect(clockOf(viewOf(P, events, t('13:00')), 'requesterWait')).toMatchObject({
      state: 'running',
      spentSeconds: 7200,
      deadline: t('15:00'),
    });
  });

  it('breaches when it runs past its target before the solve', () => {
    const events = [created(t('09:00')), status(t('14:00'), 'solved')];
    expect(clockOf(viewOf(P, events, t('14:00')), 'requesterWait')).toMatchObject({
      state: 'breached',
      breachedAt: t('13:00'),
    });
  });
});

describe('agent work', () => {
  it('counts only in new and open: paused in pending and on_hold', () => {
    const events = [
      created(t('09:00')),
      status(t('09:30'), 'on_hold'),
      status(t('10:30'), 'pending'),
      status(t('11:00'), 'open'),
    ];
    expect(clockOf(viewOf(P, events.slice(0, 2), t('10:00')), 'agentWork')).toMatchObject({
      state: 'paused',
      spentSeconds: 1800,
    });
    expect(clockOf(viewOf(P, events, t('11:30')), 'agentWork')).toMatchObject({
      state: 'running',
      spentSeconds: 3600,
      deadline: t('12:30'),
    });
  });

  it('is met by a solve within target, and cancelled like every clock by a deletion', () => {
    const solved = [created(t('09:00')), status(t('10:00'), 'solved')];
    expect(clockOf(viewOf(P, solved, t('10:00')), 'agentWork').state).toBe('met');
    const deleted = [created(t('09:00')), ev('T', t('09:30'), 'ticket.deleted', {})];
    expect(viewOf(P, deleted, t('10:00'))).toBeNull();
    const state = foldTicket('T', accept(deleted), P);
    expect(state.agentWork).toMatchObject({ outcome: 'cancelled', stoppedAt: instant(t('09:30')) });
  });
});

describe('further clocks in the metrics', () => {
  it('count met and breached per kind, and only the targeted kinds appear', () => {
    const state = foldTicket(
      'T',
      accept([
        created(t('09:00')),
        agent(t('09:05')),
        agent(t('10:30')),
        status(t('11:00'), 'solved'),
      ]),
      P,
    );
    const now = instant(t('12:00'));
    const fields = new Map<string, number>();
    for (const f of ticketMetrics(state, now, P).facts)
      fields.set(`${f.code}.n`, (fields.get(`${f.code}.n`) ?? 0) + 1);
    const m = summarizeMetrics(fields, P.metrics);
    // periodic #1 breached at 10:05, #2 cancelled by the solve; pausable the same;
    // requester wait and agent work met; first response met.
    expect(m.breaches).toMatchObject({ periodicUpdate: 1, pausableUpdate: 1, total: 2 });
    expect(m.attainment).toMatchObject({
      periodicUpdate: 0,
      pausableUpdate: 0,
      requesterWait: 1,
      agentWork: 1,
      overall: 3 / 5,
    });
    const plain = summarizeMetrics(fields, testPolicies.metrics);
    expect(Object.keys(plain.attainment).sort()).toEqual([
      'firstResponse',
      'nextResponse',
      'overall',
      'resolution',
    ]);
  });
});
