import { describe, expect, it } from 'vitest';
import { comparePolicies, comparisonSteps, type AcceptedEvent } from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { instant, policiesFrom } from '../support/engine.js';
import { t } from '../support/test-policies.js';

const current = policiesFrom(`
policies:
  - id: urgent
    match: { priority: [urgent] }
    targets: { firstResponse: 15m, resolution: 2h }
  - id: rest
    targets: { firstResponse: 1h }
`);
// The candidate: urgent first responses in 30 minutes instead of 15, and a periodic update.
const candidate = policiesFrom(`
policies:
  - id: urgent-relaxed
    match: { priority: [urgent] }
    targets: { firstResponse: 30m, resolution: 2h, periodicUpdate: 1h }
  - id: rest
    targets: { firstResponse: 1h }
`);

const histories = (...events: Record<string, unknown>[]) => {
  const byTicket = new Map<string, AcceptedEvent[]>();
  for (const e of accept(events)) {
    const list = byTicket.get(e.event.subject) ?? [];
    list.push(e);
    byTicket.set(e.event.subject, list);
  }
  return byTicket;
};
const created = (id: string, time: string, priority: string, team: string) =>
  ev(id, time, 'ticket.created', { priority, channel: 'email', team });
const reply = (id: string, time: string) =>
  ev(id, time, 'ticket.commented', { author: 'agent', public: true });

describe('comparePolicies (what-if backtest)', () => {
  const h = histories(
    // Answered after 20 minutes: breached under the 15-minute target, met under 30.
    created('A', t('09:00'), 'urgent', 'emea'),
    reply('A', t('09:20')),
    // Answered after 10 minutes: met under both.
    created('B', t('09:00'), 'urgent', 'us'),
    reply('B', t('09:10')),
    // Normal priority, the same policy in both: unchanged.
    created('C', t('09:00'), 'normal', 'emea'),
    reply('C', t('11:00')),
    // Finished before the window: counted nowhere.
    created('D', t('06:00', 22), 'urgent', 'emea'),
    reply('D', t('06:05', 22)),
  );
  const window = { from: instant(t('00:00')), until: instant(t('12:00')) };
  const report = comparePolicies(h, current, candidate, window);

  it('counts outcomes in the window under both documents, by team, priority and policy', () => {
    expect(report.tickets).toBe(4);
    const row = (rows: typeof report.byTeam, value: string, clock: string) =>
      rows.find((r) => r.value === value && r.clock === clock);
    expect(row(report.byTeam, 'emea', 'firstResponse')).toEqual({
      value: 'emea',
      clock: 'firstResponse',
      before: { met: 0, breached: 2, attainment: 0 },
      after: { met: 1, breached: 1, attainment: 0.5 },
    });
    expect(row(report.byPriority, 'urgent', 'firstResponse')).toMatchObject({
      before: { met: 1, breached: 1 },
      after: { met: 2, breached: 0, attainment: 1 },
    });
    // By the policy in force under each document: the candidate's ids on the after side.
    expect(row(report.byPolicy, 'urgent', 'firstResponse')).toMatchObject({
      before: { met: 1, breached: 1 },
      after: { met: 0, breached: 0, attainment: null },
    });
    expect(row(report.byPolicy, 'urgent-relaxed', 'firstResponse')).toMatchObject({
      after: { met: 2, breached: 0 },
    });
  });

  it('counts a new kind the candidate targets, breached at its deadline in the window', () => {
    // A's and B's first update cycles start at the replies and run out an hour later.
    expect(report.byPriority.find((r) => r.clock === 'periodicUpdate')).toEqual({
      value: 'urgent',
      clock: 'periodicUpdate',
      before: { met: 0, breached: 0, attainment: null },
      after: { met: 0, breached: 2, attainment: 0 },
    });
  });

  it('lists the tickets whose outcomes change, with each change', () => {
    expect(report.changedCount).toBe(2);
    expect(report.changed).toEqual([
      {
        ticketId: 'A',
        team: 'emea',
        priority: 'urgent',
        policyBefore: 'urgent',
        policyAfter: 'urgent-relaxed',
        changes: [
          { clock: 'firstResponse', cycle: 1, before: 'breached', after: 'met' },
          { clock: 'periodicUpdate', cycle: 1, before: 'none', after: 'breached' },
        ],
      },
      {
        ticketId: 'B',
        team: 'us',
        priority: 'urgent',
        policyBefore: 'urgent',
        policyAfter: 'urgent-relaxed',
        changes: [{ clock: 'periodicUpdate', cycle: 1, before: 'none', after: 'breached' }],
      },
    ]);
    // Before: B's first response met; A's and C's breached, A's and B's resolutions
    // breached at 11:00. After: A's first response met too, and both update cycles breached.
    expect(report.overall).toEqual({
      before: { met: 1, breached: 4, attainment: 0.2 },
      after: { met: 2, breached: 5, attainment: 2 / 7 },
    });
  });

  it('compares a document with itself to no change, and caps the list it returns', () => {
    const same = comparePolicies(h, current, current, window);
    expect(same.changedCount).toBe(0);
    expect(same.byTeam.every((r) => JSON.stringify(r.before) === JSON.stringify(r.after))).toBe(
      true,
    );
    const capped = comparePolicies(h, current, candidate, { ...window, maxChanged: 1 });
    expect(capped.changed.map((c) => c.ticketId)).toEqual(['A']);
    expect(capped.changedCount).toBe(2);
  });

  it('leaves out events after the window and tickets deleted by then', () => {
    const later = histories(
      created('E', t('09:00'), 'urgent', 'emea'),
      reply('E', t('13:00')),
      created('F', t('09:00'), 'urgent', 'emea'),
      ev('F', t('10:00'), 'ticket.deleted', {}),
    );
    const r = comparePolicies(later, current, candidate, window);
    expect(r.tickets).toBe(1);
    // E's reply at 13:00 is after the window: at 12:00 both first responses are breached.
    expect(r.changed).toEqual([]);
    expect(r.byTeam.find((x) => x.clock === 'firstResponse')).toMatchObject({
      before: { breached: 1 },
      after: { breached: 1 },
    });
  });

  it('steps through the tickets with progress, ending in the same report', () => {
    const many = histories(
      ...Array.from({ length: 450 }, (_, i) => created(`M${i}`, t('09:00'), 'urgent', 'emea')),
    );
    const steps = comparisonSteps(many, current, candidate, window);
    const progress: { done: number; of: number }[] = [];
    let step = steps.next();
    while (step.done !== true) {
      progress.push(step.value);
      step = steps.next();
    }
    expect(progress).toEqual([
      { done: 0, of: 450 },
      { done: 200, of: 450 },
      { done: 400, of: 450 },
    ]);
    expect(step.value).toEqual(comparePolicies(many, current, candidate, window));
  });

  it('counts only the tickets of the teams asked for (a team-limited caller)', () => {
    const emea = comparePolicies(h, current, candidate, { ...window, teams: ['emea'] });
    expect(emea.tickets).toBe(3); // A, C and D
    expect(new Set(emea.byTeam.map((r) => r.value))).toEqual(new Set(['emea']));
    expect(emea.changed.map((c) => c.ticketId)).toEqual(['A']);
    expect(comparePolicies(h, current, candidate, { ...window, teams: [] }).tickets).toBe(0);
  });
});
