import { describe, expect, it } from 'vitest';
import { advanceTicket, ticketNotifications, type TicketAdvance } from '../../src/index.js';
import { accept } from '../support/events.js';
import { agent, created } from '../support/builders.js';
import { instant, policiesFrom } from '../support/engine.js';
import { t } from '../support/test-policies.js';

// Berlin office hours Monday to Friday, 09:00-17:00 (08:00-16:00Z in November).
const P = policiesFrom(`
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - { id: urgent, targets: { firstResponse: 15m, resolution: 1h }, warnAt: [0.5] }
alerting:
  reminders: [30m]
  receivers:
    - { id: pager, type: pagerduty, routingKeyEnv: PD_KEY }
    - { id: chat, type: slack, urlEnv: SLACK_URL, quietHours: { outside: office, except: [breach] } }
    - { id: audit, type: webhook, urlEnv: AUDIT_URL }
  route:
    receivers: [audit]
    routes:
      - { match: { level: [breach, reminder] }, receivers: [pager], continue: true }
      - { match: { team: [emea] }, receivers: [chat] }
`);
const step = (events: Record<string, unknown>[], at: string, marks: string[] = []) =>
  advanceTicket('T', { history: [], marks }, accept(events), instant(at), P);
const notify = (a: TicketAdvance, stored: string[] = []) =>
  ticketNotifications(a.transitions, a.state, stored, P.alerting, P.calendar);
const brief = (a: TicketAdvance, stored: string[] = []) =>
  notify(a, stored).map((n) => [n.action, n.receiver, n.alertKey]);
const emea = (time: string) => created(time, { team: 'emea' });

describe('notifications of alert transitions', () => {
  it('raises each alert on the receivers its level routes to, with a stable key', () => {
    const warned = step([emea(t('09:00'))], t('09:08'));
    expect(brief(warned)).toEqual([['trigger', 'chat', 'T/firstResponse/1/at_risk']]);
    const breached = step([emea(t('09:00'))], t('09:16'), warned.marks);
    expect(brief(breached, warned.marks)).toEqual([
      ['trigger', 'pager', 'T/firstResponse/1/breach'],
      ['trigger', 'chat', 'T/firstResponse/1/breach'],
    ]);
    // Recomputed (a replayed batch), the same notifications have the same ids.
    expect(notify(step([emea(t('09:00'))], t('09:16'), warned.marks), warned.marks)).toEqual(
      notify(breached, warned.marks),
    );
  });

  it('resolves every level still open, on the receivers each went to, when the clock stops', () => {
    const breached = step([emea(t('09:00'))], t('09:46'));
    expect(breached.transitions.map((x) => x.type)).toContain('sla.reminder');
    const met = step([emea(t('09:00')), agent(t('09:50'))], t('09:50'), breached.marks);
    const resolves = notify(met, breached.marks).filter((n) => n.labels.clock === 'firstResponse');
    expect(resolves.map((n) => [n.action, n.receiver, n.alertKey])).toEqual([
      ['resolve', 'pager', 'T/firstResponse/1/breach'],
      ['resolve', 'chat', 'T/firstResponse/1/breach'],
      ['resolve', 'pager', 'T/firstResponse/1/reminder'],
      ['resolve', 'chat', 'T/firstResponse/1/reminder'],
    ]);
    expect(new Set(resolves.map((n) => n.id)).size).toBe(4);
  });

  it('holds what falls in a receiver’s quiet hours until its calendar opens, except the levels excepted', () => {
    // Monday 2026-11-23 06:00Z is 07:00 in Berlin: the office opens at 08:00Z.
    const warned = step([emea(t('06:00'))], t('06:08'));
    expect(notify(warned)[0]).toMatchObject({ receiver: 'chat', deliverAt: instant(t('08:00')) });
    const breached = step([emea(t('06:00'))], t('06:16'), warned.marks);
    for (const n of notify(breached, warned.marks)) expect(n.deliverAt).toBe(instant(t('06:15')));
  });

  it('sends a team without a route of its own to the default, and nothing without receivers', () => {
    expect(brief(step([created(t('09:00'))], t('09:08')))).toEqual([
      ['trigger', 'audit', 'T/firstResponse/1/at_risk'],
    ]);
    const none = policiesFrom('policies: [{ id: p, targets: { firstResponse: 15m } }]');
    const a = advanceTicket('T', null, accept([created(t('09:00'))]), instant(t('09:20')), none);
    expect(ticketNotifications(a.transitions, a.state, [], none.alerting, none.calendar)).toEqual(
      [],
    );
  });

  it('ends the breach when a late event corrects it, once, though the clock also stops', () => {
    const breached = step([emea(t('09:00'))], t('09:16'));
    const corrected = step([emea(t('09:00')), agent(t('09:10'))], t('09:20'), breached.marks);
    expect(corrected.transitions.map((x) => x.type)).toEqual(['sla.corrected', 'sla.resolved']);
    expect(brief(corrected, breached.marks)).toEqual([
      ['resolve', 'pager', 'T/firstResponse/1/breach'],
      ['resolve', 'chat', 'T/firstResponse/1/breach'],
    ]);
  });
});
