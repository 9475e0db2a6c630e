import { describe, expect, it } from 'vitest';
import { foldTicket } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { agent, created, status } from '../support/builders.js';
import { clockOf, viewOf } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// Given/When/Then tests of docs/events.md "The clocks", one or more per rule.
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

  it('is not breached when paused exactly at its deadline, and breaches when it resumes', () => {
    const events = [created(t('09:00')), status(t('11:00'), 'pending'), status(t('12:00'), 'open')];
    expect(clockOf(viewOf(P, events.slice(0, 2), t('11:30')), 'resolution')).toMatchObject({
      state: 'paused',
      spentSeconds: 7200,
    });
    expect(clockOf(viewOf(P, events, t('12:30')), 'resolution')).toMatchObject({
      state: 'breached',
      breachedAt: t('12:00'),
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
