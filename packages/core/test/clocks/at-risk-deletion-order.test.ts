import { describe, expect, it } from 'vitest';
import { ev } from '../support/events.js';
import { agent, created, customer, status } from '../support/builders.js';
import { clockOf, instant, timersOf, viewOf } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// Given/When/Then tests of docs/events.md "The clocks", one or more per rule.
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
