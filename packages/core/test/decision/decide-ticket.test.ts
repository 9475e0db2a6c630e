import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTicket,
  decideTicket,
  valuesAsked,
  type AcceptedEvent,
  type DecisionContext,
  type ReadTicket,
  type TicketDecision,
} from '../../src/index.js';
import { agent, created } from '../support/builders.js';
import { accept, ev } from '../support/events.js';
import { instant, policiesFrom } from '../support/engine.js';
import { lifecycleArb } from '../support/lifecycle-arbitrary.js';
import { t, testPolicies } from '../support/test-policies.js';

const P = policiesFrom(`
policies:
  - { id: urgent, targets: { firstResponse: 15m, resolution: 1h }, warnAt: [0.5] }
alerting:
  receivers:
    - { id: audit, type: webhook, urlEnv: AUDIT_URL }
  route: { receivers: [audit] }
`);
const NONE: ReadTicket = { version: 0, history: [], marks: [], next: null };
const DAY = 86_400_000;

const context = (at: string, policies = P, notify = true): DecisionContext => ({
  now: instant(at),
  policies,
  fold: policies.dimensionFold,
  retentionMs: DAY,
  notify,
});

/** Advances once from `read` and decides, as the store does. */
function decide(
  read: ReadTicket,
  events: readonly AcceptedEvent[],
  ctx: DecisionContext,
): TicketDecision {
  const stored = read.version === 0 ? null : read;
  return decideTicket(read, advanceTicket('T', stored, events, ctx.now, ctx.policies), ctx);
}

/** The record as it is after the decision's save (or unchanged without one). */
const saved = (read: ReadTicket, d: TicketDecision): ReadTicket =>
  d.save
    ? { version: read.version + 1, history: d.save.history, marks: d.save.marks, next: d.save.next }
    : read;

describe('the decision a batch makes for one ticket', () => {
  it('saves a new ticket, sets its timer and publishes it, with metrics at the saved version', () => {
    const d = decide(NONE, accept([created(t('09:00'))]), context(t('09:01')));
    expect(d.save).toMatchObject({ ticketId: 'T', readVersion: 0, ttlMs: 0 });
    expect(d.timer).toBe(d.save!.next);
    expect(d.timer).not.toBeNull();
    expect(d.metrics).toMatchObject({ ticketId: 'T', version: 1, ttlMs: 0 });
    expect(d.delta).toMatchObject({ ticketId: 'T', deleted: false, priority: 'urgent' });
    expect(d.transitions).toEqual([]);
    expect(d.deletedMarks).toBeNull();
  });

  it('announces an at-risk crossing with its CloudEvent, notification and listing', () => {
    const first = decide(NONE, accept([created(t('09:00'))]), context(t('09:01')));
    const d = decide(saved(NONE, first), [], context(t('09:08')));
    expect(d.transitions.map((x) => x.type)).toEqual(['sla.at_risk']);
    expect(d.alerts).toHaveLength(1);
    expect(d.notifications.map((n) => [n.action, n.receiver])).toEqual([['trigger', 'audit']]);
    expect(d.listings.length).toBeGreaterThan(0);
    expect(d.save?.marks).toEqual(d.transitions.map((x) => x.mark));
  });

  it('leaves the notifications out when no queue wants them', () => {
    const first = decide(NONE, accept([created(t('09:00'))]), context(t('09:01')));
    const d = decide(saved(NONE, first), [], context(t('09:08'), P, false));
    expect(d.alerts).toHaveLength(1);
    expect(d.notifications).toEqual([]);
  });

  it('saves nothing for a replayed batch, but still sets the timer and the metrics', () => {
    const events = accept([created(t('09:00')), agent(t('09:02'))]);
    const first = decide(NONE, events, context(t('09:03')));
    const again = decide(saved(NONE, first), events, context(t('09:03')));
    expect(again.duplicates).toBe(2);
    expect(again.save).toBeNull();
    expect(again.delta).toBeNull();
    expect(again.alerts).toEqual([]);
    expect(again.timer).toBe(first.timer);
    expect(again.metrics).toEqual(first.metrics);
  });

  it('marks a deletion once, and keeps a finished ticket for the retention period', () => {
    const ctx = context(t('09:05'));
    const first = decide(NONE, accept([created(t('09:00'))]), ctx);
    const gone = accept([ev('T', t('09:04'), 'ticket.deleted')]);
    const d = decide(saved(NONE, first), gone, ctx);
    expect(d.deletedMarks).toEqual(d.save!.marks);
    expect(d.save!.ttlMs).toBe(DAY);
    expect(d.metrics.seriesDims).toBeDefined();
    const later = decide(saved(saved(NONE, first), d), [], context(t('09:30')));
    expect(later.deletedMarks).toBeNull();
  });

  it('changes nothing when decided again from the record it saved (idempotence)', () => {
    fc.assert(
      fc.property(lifecycleArb(), fc.integer({ min: 0, max: 3 * 60 }), (events, minutes) => {
        const at = new Date(Date.parse('2026-11-23T10:00:00Z') + minutes * 60_000);
        const ctx = context(at.toISOString(), testPolicies);
        const first = decide(NONE, accept(events), ctx);
        const record = saved(NONE, first);
        const again = decide(record, [], ctx);
        expect(again.save).toBeNull();
        expect(again.transitions).toEqual([]);
        expect(again.delta).toBeNull();
        expect(again.deletedMarks).toBeNull();
        expect(again.timer).toBe(record.next);
        expect(again.metrics).toEqual(first.metrics);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the undeclared dimension values a batch asks to admit', () => {
  it('gathers each undeclared dimension value once, and none of a declared dimension', () => {
    const state = (team: string) =>
      advanceTicket(
        'T',
        null,
        accept([created(t('09:00'), { team, queue: 'sales' })]),
        instant(t('09:01')),
        P,
      ).state;
    const declared = new Map([['queue' as const, new Set(['billing'])]]);
    const asked = valuesAsked([state('emea'), state('us'), state('emea')], declared);
    expect(asked.get('team')).toEqual(new Set(['emea', 'us']));
    expect(asked.has('queue')).toBe(false);
  });
});
