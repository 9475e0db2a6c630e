import { describe, expect, it } from 'vitest';
import { advanceTicket, decodeCountCode, ticketCounts } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { agent, created, customer, status } from '../support/builders.js';
import { instant } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// The lifetime counts behind the Prometheus counters (docs/metrics.md, "Prometheus series").
const countsOf = (events: readonly Record<string, unknown>[], at: string) => {
  const a = advanceTicket('T', null, accept(events), instant(at), P);
  return ticketCounts(a.state, a.history, a.marks, instant(at), P);
};
const urgent = (time: string) => created(time, { priority: 'urgent' });

describe('ticket counts for the Prometheus counters', () => {
  it('counts the events folded by type, each delivery of one event once', () => {
    const events = [urgent(t('09:00')), agent(t('09:05')), customer(t('09:10')), agent(t('09:20'))];
    const a = advanceTicket('T', null, accept([...events, ...events]), instant(t('09:30')), P);
    expect(ticketCounts(a.state, a.history, a.marks, instant(t('09:30')), P)).toMatchObject({
      e0: 1, // ticket.created
      e3: 3, // ticket.commented
    });
  });

  it('counts clocks finished breached (once stopped) or cancelled; met ones are the facts’ to count', () => {
    // First response met at 09:05; next response (30 m) breached at 09:40, answered at 09:50.
    const events = [urgent(t('09:00')), agent(t('09:05')), customer(t('09:10')), agent(t('09:50'))];
    const c = countsOf(events, t('10:00'));
    expect(c).toMatchObject({ xnb: 1 });
    expect(c.xfm).toBeUndefined();
    // Still running past its deadline: breached, not finished.
    expect(countsOf(events.slice(0, 3), t('09:45')).xnb).toBeUndefined();
    // Solved before any reply: the first response is cancelled (the resolution met: a fact).
    const solved = countsOf([urgent(t('09:00')), status(t('09:05'), 'solved')], t('09:10'));
    expect(solved).toMatchObject({ xfc: 1 });
    expect(solved.xrm).toBeUndefined();
  });

  it('counts at-risk crossings as announced, one per threshold', () => {
    // 15-minute first response warned at 50 % and 75 %, breached at 09:15.
    expect(countsOf([urgent(t('09:00'))], t('09:13'))).toMatchObject({ af: 2 });
    // First seen at 09:20, already breached: the warnings are not announced after the fact.
    expect(countsOf([urgent(t('09:00'))], t('09:20')).af).toBeUndefined();
  });

  it('counts no finished clock for a deleted ticket, but its events still count', () => {
    const c = countsOf(
      [urgent(t('09:00')), agent(t('09:05')), ev('T', t('09:06'), 'ticket.deleted', {})],
      t('09:10'),
    );
    expect(c).toMatchObject({ e0: 1, e3: 1, e7: 1 });
    expect(Object.keys(c).some((k) => k.startsWith('x'))).toBe(false);
  });

  it('decodes every code it writes, and nothing else', () => {
    const events = [
      urgent(t('09:00')),
      agent(t('09:05')),
      customer(t('09:10')),
      agent(t('09:50')),
      status(t('09:55'), 'solved'),
    ];
    for (const code of Object.keys(countsOf(events, t('10:00'))))
      expect(decodeCountCode(code), code).not.toBeNull();
    expect(decodeCountCode('xfm')).toEqual({
      kind: 'finished',
      clock: 'firstResponse',
      outcome: 'met',
    });
    expect(decodeCountCode('e7')).toEqual({ kind: 'event', type: 'ticket.deleted' });
    // The further clocks (docs/events.md) have codes of their own: u, p, w, k.
    expect(decodeCountCode('bu')).toEqual({ kind: 'breach', clock: 'periodicUpdate' });
    expect(decodeCountCode('ap')).toEqual({ kind: 'atRisk', clock: 'pausableUpdate' });
    expect(decodeCountCode('xwc')).toEqual({
      kind: 'finished',
      clock: 'requesterWait',
      outcome: 'cancelled',
    });
    expect(decodeCountCode('bk')).toEqual({ kind: 'breach', clock: 'agentWork' });
    for (const bad of ['e99', 'xq', 'xfz', 'bz', 'zz', 'bff'])
      expect(decodeCountCode(bad)).toBeNull();
  });
});
