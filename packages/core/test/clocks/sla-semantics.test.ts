import { describe, expect, it } from 'vitest';
import { foldTicket } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { clockOf, instant, timersOf, viewOf } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// Given/When/Then tests, one or more per rule of contract/events.md "SLA semantics".
const created = (time: string, data: Record<string, unknown> = {}) =>
  ev('T', time, 'ticket.created', { priority: 'urgent', channel: 'email', ...data });
const agent = (time: string, pub = true) =>
  ev('T', time, 'ticket.commented', { author: 'agent', public: pub });
const customer = (time: string) =>
  ev('T', time, 'ticket.commented', { author: 'customer', public: true });
const status = (time: string, s: string) => ev('T', time, 'ticket.status_changed', { status: s });
const update = (time: string, changes: Record<string, unknown>) =>
  ev('T', time, 'ticket.updated', { changes });

describe('first response', () => {
  it('starts at ticket.created and is met by the first public agent comment', () => {
    const view = viewOf(P, [created(t('09:00')), agent(t('09:07'))], t('09:30'));
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'met',
      startedAt: t('09:00'),
      deadline: t('09:15'),
      stoppedAt: t('09:07'),
      breachedAt: null,
      targetSeconds: 900,
      spentSeconds: 420,
    });
  });

  it('is not ended by private agent comments, nor by customer or system comments', () => {
    const view = viewOf(
      P,
      [
        created(t('09:00')),
        agent(t('09:05'), false),
        ev('T', t('09:06'), 'ticket.commented', { author: 'system', public: true }),
        customer(t('09:07')),
      ],
      t('09:10'),
    );
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'running',
      deadline: t('09:15'),
      spentSeconds: 600,
    });
    expect(view!.clocks.filter((c) => c.kind === 'nextResponse')).toEqual([]);
  });

  it('breaches at the deadline when nothing arrives, and keeps counting', () => {
    const view = viewOf(P, [created(t('09:00'))], t('09:20'));
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'breached',
      deadline: t('09:15'),
      breachedAt: t('09:15'),
      stoppedAt: null,
      spentSeconds: 1200,
    });
  });

  it('is met by a response exactly at the deadline', () => {
    expect(
      clockOf(viewOf(P, [created(t('09:00')), agent(t('09:15'))], t('09:15')), 'firstResponse')
        .state,
    ).toBe('met');
  });

  it('is breached by a response after the deadline', () => {
    expect(
      clockOf(viewOf(P, [created(t('09:00')), agent(t('09:16'))], t('09:16')), 'firstResponse'),
    ).toMatchObject({
      state: 'breached',
      stoppedAt: t('09:16'),
      breachedAt: t('09:15'),
      spentSeconds: 960,
    });
  });

  it('never restarts, not even after a reopen', () => {
    const view = viewOf(
      P,
      [
        created(t('09:00')),
        agent(t('09:05')),
        status(t('09:10'), 'solved'),
        status(t('09:20'), 'open'),
        agent(t('09:30')),
      ],
      t('09:40'),
    );
    expect(clockOf(view, 'firstResponse')).toMatchObject({ state: 'met', stoppedAt: t('09:05') });
  });
});

describe('next response', () => {
  const events = [
    created(t('09:00')),
    customer(t('09:02')),
    agent(t('09:05')),
    customer(t('09:10')),
    customer(t('09:20')),
    agent(t('09:35')),
    customer(t('10:00')),
  ];

  it('starts a cycle at a public customer comment once the first response is achieved', () => {
    const view = viewOf(P, events, t('10:10'));
    expect(view!.clocks.filter((c) => c.kind === 'nextResponse').map((c) => c.startedAt)).toEqual([
      t('09:10'),
      t('10:00'),
    ]);
  });

  it('runs from the oldest unanswered customer comment and ends at the next public agent comment', () => {
    expect(clockOf(viewOf(P, events, t('10:10')), 'nextResponse', 1)).toMatchObject({
      state: 'met',
      startedAt: t('09:10'),
      deadline: t('09:40'),
      stoppedAt: t('09:35'),
      spentSeconds: 1500,
    });
  });

  it('numbers cycles 1, 2, ... and breaches a cycle left unanswered past its target', () => {
    expect(clockOf(viewOf(P, events, t('10:45')), 'nextResponse', 2)).toMatchObject({
      state: 'breached',
      breachedAt: t('10:30'),
      stoppedAt: null,
      spentSeconds: 2700,
    });
  });
});

describe('resolution', () => {
  it('pauses while pending (deadline null) and resumes with the time spent', () => {
    const events = [
      created(t('09:00')),
      status(t('09:30'), 'pending'),
      status(t('11:00'), 'open'),
      status(t('12:00'), 'solved'),
    ];
    expect(clockOf(viewOf(P, events.slice(0, 2), t('11:00')), 'resolution')).toMatchObject({
      state: 'paused',
      deadline: null,
      spentSeconds: 1800,
    });
    expect(clockOf(viewOf(P, events.slice(0, 3), t('11:00')), 'resolution')).toMatchObject({
      state: 'running',
      deadline: t('12:30'),
    });
    expect(clockOf(viewOf(P, events, t('12:00')), 'resolution')).toMatchObject({
      state: 'met',
      deadline: t('12:30'),
      stoppedAt: t('12:00'),
      spentSeconds: 5400,
    });
  });

  it("pauses only on the policy's pauseOn statuses", () => {
    const vip = created(t('09:00'), { priority: 'normal', customerTier: 'vip' });
    expect(
      clockOf(viewOf(P, [vip, status(t('09:30'), 'pending')], t('10:00')), 'resolution'),
    ).toMatchObject({ state: 'running', spentSeconds: 3600 });
    expect(
      clockOf(viewOf(P, [vip, status(t('09:30'), 'on_hold')], t('10:00')), 'resolution'),
    ).toMatchObject({ state: 'paused', spentSeconds: 1800 });
  });

  it('resumes on reopen with the time already spent, and counts the reopen', () => {
    const events = [created(t('09:00')), status(t('09:30'), 'solved'), status(t('10:00'), 'open')];
    expect(clockOf(viewOf(P, events, t('10:00')), 'resolution')).toMatchObject({
      state: 'running',
      deadline: t('11:30'),
      stoppedAt: null,
      spentSeconds: 1800,
    });
    expect(foldTicket('T', accept(events), P).reopens).toBe(1);
    const solvedAgain = viewOf(P, [...events, status(t('10:30'), 'solved')], t('10:30'));
    expect(clockOf(solvedAgain, 'resolution')).toMatchObject({
      state: 'met',
      stoppedAt: t('10:30'),
      spentSeconds: 3600,
    });
  });

  it('stays breached after a reopen once it was solved late', () => {
    const events = [
      created(t('09:00')),
      status(t('11:30'), 'solved'),
      status(t('12:00'), 'open'),
      status(t('12:30'), 'solved'),
    ];
    expect(clockOf(viewOf(P, events, t('13:00')), 'resolution')).toMatchObject({
      state: 'breached',
      breachedAt: t('11:00'),
      deadline: t('11:00'),
      stoppedAt: t('12:30'),
      spentSeconds: 10800,
    });
  });

  it('treats closed as final: later events other than surveys are ignored', () => {
    const events = [
      created(t('09:00')),
      status(t('09:10'), 'closed'),
      agent(t('09:20')),
      status(t('09:30'), 'open'),
      ev('T', t('09:40'), 'ticket.surveyed', { kind: 'csat', score: 5 }),
    ];
    const view = viewOf(P, events, t('10:00'));
    expect(view!.status).toBe('closed');
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'cancelled',
      stoppedAt: t('09:10'),
    });
    expect(clockOf(view, 'resolution')).toMatchObject({ state: 'met', stoppedAt: t('09:10') });
    expect(foldTicket('T', accept(events), P).surveys).toHaveLength(1);
  });
});

describe('solving or closing ends the response clocks', () => {
  it('cancels a response clock that has not breached', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), customer(t('09:10')), status(t('09:20'), 'solved')],
      t('09:30'),
    );
    expect(clockOf(view, 'nextResponse', 1)).toMatchObject({
      state: 'cancelled',
      stoppedAt: t('09:20'),
      breachedAt: null,
    });
  });

  it('leaves a breached response clock breached', () => {
    const view = viewOf(P, [created(t('09:00')), status(t('09:20'), 'solved')], t('09:30'));
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'breached',
      breachedAt: t('09:15'),
      stoppedAt: t('09:20'),
    });
  });
});

describe('deadlines on business calendars', () => {
  const high = (time: string) => created(time, { priority: 'high' });

  it('moves a deadline landing on the end of an open period to the next opening', () => {
    // 15:00Z is 16:00 in Berlin: one business hour runs out at 17:00 local, the close.
    expect(clockOf(viewOf(P, [high(t('15:00'))], t('15:30')), 'firstResponse').deadline).toBe(
      t('08:00', 24),
    );
  });

  it('counts a response in the closed gap before that opening as within target', () => {
    expect(
      clockOf(
        viewOf(P, [high(t('15:00')), agent(t('07:00', 24))], t('07:00', 24)),
        'firstResponse',
      ),
    ).toMatchObject({ state: 'met', spentSeconds: 3600 });
  });

  it('breaches inside business hours, at the opening, without any event', () => {
    expect(clockOf(viewOf(P, [high(t('15:00'))], t('09:00', 24)), 'firstResponse')).toMatchObject({
      state: 'breached',
      breachedAt: t('08:00', 24),
    });
  });
});

describe('policy changes', () => {
  it('keeps the outcome of ended clocks and moves running ones to the new target and calendar', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), update(t('09:10'), { priority: 'high' })],
      t('09:10'),
    );
    expect(view!.policy).toBe('high-office');
    expect(clockOf(view, 'firstResponse')).toMatchObject({ state: 'met', targetSeconds: 900 });
    // 10 min spent on 24x7; 7h50m left on office hours from 09:10Z: 6h50m today, 1h Tuesday.
    expect(clockOf(view, 'resolution')).toMatchObject({
      state: 'running',
      targetSeconds: 28800,
      deadline: t('09:00', 24),
      spentSeconds: 600,
    });
  });

  it('measures a clock kind that had no target on the new calendar from its start', () => {
    const events = [
      created(t('07:00'), { priority: 'normal' }),
      update(t('10:00'), { priority: 'high' }),
    ];
    const view = viewOf(P, events, t('10:00'));
    // Office hours since 07:00Z: 08:00Z-10:00Z = 2h, past the 1h target: breached at the update.
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'breached',
      deadline: t('10:00'),
      breachedAt: t('10:00'),
      spentSeconds: 7200,
    });
    expect(clockOf(view, 'resolution')).toMatchObject({
      state: 'running',
      deadline: t('08:00', 24),
      spentSeconds: 7200,
    });
  });

  it('breaches a clock at the update instant when its spent time already reaches the new target', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), update(t('10:30'), { priority: 'low' })],
      t('10:30'),
    );
    expect(clockOf(view, 'resolution')).toMatchObject({
      state: 'breached',
      deadline: t('10:30'),
      breachedAt: t('10:30'),
      targetSeconds: 3600,
    });
  });

  it('keeps a running clock counting under a new, longer target', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), update(t('09:30'), { priority: 'low' })],
      t('09:40'),
    );
    expect(clockOf(view, 'resolution')).toMatchObject({
      state: 'running',
      deadline: t('10:00'),
      spentSeconds: 2400,
    });
  });

  it('hides clocks the policy in force does not target, and all of them without a policy', () => {
    const low = viewOf(
      P,
      [created(t('09:00')), update(t('09:05'), { priority: 'low' })],
      t('09:10'),
    );
    expect(low!.clocks.map((c) => c.kind)).toEqual(['resolution']);
    const none = viewOf(
      P,
      [created(t('09:00')), update(t('09:05'), { priority: 'normal' })],
      t('09:10'),
    );
    expect(none).toMatchObject({ policy: null, clocks: [] });
  });

  it('keeps showing clocks that ended with an outcome', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), agent(t('09:05')), update(t('09:10'), { priority: 'normal' })],
      t('09:10'),
    );
    expect(view!.clocks.map((c) => [c.kind, c.state])).toEqual([['firstResponse', 'met']]);
  });

  it('never takes back a breach that happened before the change', () => {
    const view = viewOf(
      P,
      [created(t('09:00')), update(t('09:20'), { priority: 'high' })],
      t('09:30'),
    );
    expect(clockOf(view, 'firstResponse')).toMatchObject({
      state: 'breached',
      breachedAt: t('09:15'),
      targetSeconds: 900,
    });
  });

  it('re-matches when an assignment moves the ticket to another team', () => {
    const events = [
      created(t('09:00'), { priority: 'normal', team: 'a' }),
      ev('T', t('09:10'), 'ticket.assigned', { assigneeId: 'x', team: 'fast' }),
    ];
    expect(viewOf(P, events.slice(0, 1), t('09:10'))!.policy).toBeNull();
    expect(viewOf(P, events, t('09:10'))).toMatchObject({
      policy: 'team-fast',
      clocks: [{ kind: 'firstResponse', deadline: t('10:00') }],
    });
  });
});

describe('at risk', () => {
  it('marks a running clock at the highest warnAt threshold it reached', () => {
    expect(clockOf(viewOf(P, [created(t('09:00'))], t('09:08')), 'firstResponse').atRisk).toBe(0.5);
    expect(clockOf(viewOf(P, [created(t('09:00'))], t('09:12')), 'firstResponse').atRisk).toBe(
      0.75,
    );
    expect(
      clockOf(viewOf(P, [created(t('09:00'))], t('09:05')), 'firstResponse').atRisk,
    ).toBeNull();
  });

  it('asks for a timer at every threshold and deadline of running clocks', () => {
    const timers = timersOf(P, [created(t('09:00'))]).map((x) => [
      x.clock,
      x.kind,
      x.threshold ?? null,
      x.at,
    ]);
    expect(timers).toEqual([
      ['firstResponse', 'warning', 0.5, instant(t('09:07:30'))],
      ['firstResponse', 'warning', 0.75, instant(t('09:11:15'))],
      ['firstResponse', 'deadline', null, instant(t('09:15'))],
      ['resolution', 'warning', 0.5, instant(t('10:00'))],
      ['resolution', 'warning', 0.75, instant(t('10:30'))],
      ['resolution', 'deadline', null, instant(t('11:00'))],
    ]);
  });

  it('asks for no timer for paused, stopped or settled-breached clocks', () => {
    const timers = timersOf(P, [
      created(t('09:00')),
      agent(t('09:05')),
      status(t('09:10'), 'pending'),
    ]);
    expect(timers).toEqual([]);
  });
});

describe('deletion', () => {
  it('removes the ticket from every view and timer, for good', () => {
    const events = [created(t('09:00')), ev('T', t('09:05'), 'ticket.deleted'), agent(t('09:06'))];
    expect(viewOf(P, events, t('09:10'))).toBeNull();
    expect(timersOf(P, events)).toEqual([]);
  });
});

describe('order', () => {
  const sorted = [
    created(t('09:00')),
    agent(t('09:05')),
    customer(t('09:10')),
    status(t('09:20'), 'pending'),
    status(t('09:40'), 'open'),
  ];

  it('gives the same result for late and out-of-order events as for sorted ones', () => {
    const shuffled = [sorted[3]!, sorted[1]!, sorted[4]!, sorted[0]!, sorted[2]!];
    expect(viewOf(P, shuffled, t('10:00'))).toEqual(viewOf(P, sorted, t('10:00')));
  });

  it('ignores a repeated event (same source and id)', () => {
    expect(viewOf(P, [...sorted, sorted[2]!, sorted[1]!], t('10:00'))).toEqual(
      viewOf(P, sorted, t('10:00')),
    );
  });

  it('applies events with the same time in production order', () => {
    const base = [created(t('09:00')), agent(t('09:05'))];
    const answered = viewOf(P, [...base, customer(t('09:10')), agent(t('09:10'))], t('09:20'));
    const waiting = viewOf(P, [...base, agent(t('09:10')), customer(t('09:10'))], t('09:20'));
    expect(clockOf(answered, 'nextResponse')).toMatchObject({ state: 'met', spentSeconds: 0 });
    expect(clockOf(waiting, 'nextResponse')).toMatchObject({ state: 'running', spentSeconds: 600 });
  });

  it('ignores events dated before the ticket was created', () => {
    expect(
      clockOf(viewOf(P, [agent(t('08:59')), created(t('09:00'))], t('09:05')), 'firstResponse')
        .state,
    ).toBe('running');
  });
});
