import { describe, expect, it } from 'vitest';
import { ev } from '../support/events.js';
import { agent, created, customer, status } from '../support/builders.js';
import { clockOf, viewOf } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// Given/When/Then tests of docs/events.md "The clocks", one or more per rule.
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
