import { describe, expect, it } from 'vitest';
import { ev } from '../support/events.js';
import { agent, created, update } from '../support/builders.js';
import { clockOf, viewOf } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// Given/When/Then tests of docs/events.md "The clocks", one or more per rule.
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
