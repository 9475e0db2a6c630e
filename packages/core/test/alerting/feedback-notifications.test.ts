import { describe, expect, it } from 'vitest';
import {
  advanceTicket,
  decideTicket,
  type AcceptedEvent,
  type Notification,
  type PolicySet,
  type ReadTicket,
} from '../../src/index.js';
import { accept, ev } from '../support/events.js';
import { created, status } from '../support/builders.js';
import { instant, policiesFrom } from '../support/engine.js';
import { t } from '../support/test-policies.js';

// The `feedback` level: a low survey newly on the follow-up list goes, once, to the
// receivers its route names. Berlin office hours 09:00-17:00 are 08:00-16:00Z in November.
const DOCUMENT = (
  feedback: string,
  routes = '      - { match: { level: [feedback] }, receivers: [lead, mail] }',
) => `
calendars:
  - id: office
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - { id: urgent, targets: { firstResponse: 15m } }
alerting:
  receivers:
    - { id: audit, type: webhook, urlEnv: AUDIT_URL }
    - { id: lead, type: slack, urlEnv: LEAD_URL, quietHours: { outside: office } }
    - { id: mail, type: email, smtp: { host: smtp.example.com }, from: s@example.com, to: [lead@example.com], quietHours: { outside: office, except: [feedback] } }
    - { id: pager, type: pagerduty, routingKeyEnv: PD_KEY }
  route:
    receivers: [audit]
    routes:
      - { match: { level: [breach] }, receivers: [pager] }
${routes}
${feedback}
`;
const ON = policiesFrom(DOCUMENT('  feedback: {}'));
const NONE: ReadTicket = { version: 0, history: [], marks: [], next: null };
const DAY = 86_400_000;

const emea = (time: string) => created(time, { team: 'emea', assigneeId: 'ana' });
const surveyed = (time: string, kind: 'csat' | 'nps', score: number, id?: string) =>
  ev('T', time, 'ticket.surveyed', { kind, score }, id);

let seq = 1000;
/** Events of a later delivery: numbered after everything delivered before. */
const later = (events: readonly Record<string, unknown>[]): AcceptedEvent[] =>
  accept(events).map((e) => ({ ...e, seq: ++seq }));

/** Decides one delivery on `read` as the store does; the record after its save. */
function deliver(read: ReadTicket, events: readonly AcceptedEvent[], at: string, P = ON) {
  const ctx = {
    now: instant(at),
    policies: P,
    fold: P.dimensionFold,
    retentionMs: 7 * DAY,
    notify: true,
  };
  const stored = read.version === 0 ? null : read;
  const d = decideTicket(read, advanceTicket('T', stored, events, ctx.now, P), ctx);
  const record: ReadTicket = d.save
    ? { version: read.version + 1, history: d.save.history, marks: d.save.marks, next: d.save.next }
    : read;
  return { d, record, feedback: d.notifications.filter((n) => n.labels.level === 'feedback') };
}
const brief = (ns: readonly Notification[]) => ns.map((n) => [n.receiver, n.feedback?.score]);

describe('feedback alerts: low surveys newly on the follow-up list', () => {
  it('makes one feedback notification per receiver its route names for a low CSAT', () => {
    // Given a ticket of team emea, assigned to ana, answered in time and solved
    const events = accept([
      emea(t('09:00')),
      ev('T', t('09:05'), 'ticket.commented', { author: 'agent', public: true }),
      status(t('10:00'), 'solved'),
      surveyed(t('11:00'), 'csat', 2, 'survey-1'),
    ]);
    // When its CSAT of 2 is decided
    const { feedback, d } = deliver(NONE, events, t('11:01'));
    // Then the lead's chat and mail hear it, and no one else (no transition made any)
    expect(d.notifications).toEqual(feedback);
    const key = d.followUps[0]!.key;
    expect(feedback).toEqual([
      {
        id: `T/csat:${key}:feedback/lead`,
        receiver: 'lead',
        action: 'trigger',
        alertKey: `T/csat/${key}/feedback`,
        ticketId: 'T',
        cycle: null,
        labels: {
          team: 'emea',
          priority: 'urgent',
          policy: 'urgent',
          clock: null,
          level: 'feedback',
          customerTier: null,
        },
        time: instant(t('11:00')),
        deadline: null,
        feedback: { kind: 'csat', score: 2, assignee: 'ana' },
        deliverAt: instant(t('11:00')),
      },
      expect.objectContaining({ id: `T/csat:${key}:feedback/mail`, receiver: 'mail' }),
    ]);
  });

  it('announces a CSAT of 1 or 2 and an NPS of 0 to 6, and not a CSAT of 3 or an NPS of 7', () => {
    const scores: [kind: 'csat' | 'nps', score: number, low: boolean][] = [
      ['csat', 1, true],
      ['csat', 2, true],
      ['csat', 3, false],
      ['csat', 5, false],
      ['nps', 0, true],
      ['nps', 6, true],
      ['nps', 7, false],
      ['nps', 10, false],
    ];
    for (const [kind, score, low] of scores) {
      const { feedback } = deliver(
        NONE,
        accept([emea(t('09:00')), surveyed(t('10:00'), kind, score)]),
        t('10:01'),
      );
      expect([kind, score, feedback.length]).toEqual([kind, score, low ? 2 : 0]);
    }
  });

  it('announces only the scores at or under csatAtMost and npsAtMost', () => {
    const P = policiesFrom(DOCUMENT('  feedback: { csatAtMost: 1, npsAtMost: 3 }'));
    const decided = (kind: 'csat' | 'nps', score: number) =>
      deliver(NONE, accept([emea(t('09:00')), surveyed(t('10:00'), kind, score)]), t('10:01'), P)
        .feedback.length;
    expect([decided('csat', 1), decided('csat', 2), decided('nps', 3), decided('nps', 4)]).toEqual([
      2, 0, 2, 0,
    ]);
  });

  it('is off by default: without alerting.feedback, a route with no level filter hears nothing', () => {
    const off = policiesFrom(DOCUMENT(''));
    const { d } = deliver(
      NONE,
      accept([emea(t('09:00')), surveyed(t('09:05'), 'csat', 1)]),
      t('09:06'),
      off,
    );
    // The survey is on the follow-up list all the same; no one is told.
    expect(d.followUps).toHaveLength(1);
    expect(d.notifications).toEqual([]);
  });

  it('routes on the level: to `level: [feedback]`, else to the default route, never to a route on a clock', () => {
    const decided = (P: PolicySet) =>
      brief(
        deliver(NONE, accept([emea(t('09:00')), surveyed(t('09:05'), 'nps', 6)]), t('09:06'), P)
          .feedback,
      );
    expect(decided(ON)).toEqual([
      ['lead', 6],
      ['mail', 6],
    ]);
    // Without a route of its own, it goes where the default route sends everything else.
    const catchAll = policiesFrom(DOCUMENT('  feedback: {}', ''));
    expect(decided(catchAll)).toEqual([['audit', 6]]);
    // A route matching a clock (or another level) does not take it: it has no clock.
    const byClock = policiesFrom(
      DOCUMENT(
        '  feedback: {}',
        '      - { match: { clock: [firstResponse] }, receivers: [lead] }\n      - { match: { team: [emea], level: [at_risk] }, receivers: [mail] }',
      ),
    );
    expect(decided(byClock)).toEqual([['audit', 6]]);
  });

  it('keeps its ids when decided again, and announces nothing once the survey is saved', () => {
    const batch = accept([emea(t('09:00')), surveyed(t('10:00'), 'csat', 1, 'survey-2')]);
    const first = deliver(NONE, batch, t('10:01'));
    // A replayed batch (the tracker died before the save) decides the same notifications.
    expect(deliver(NONE, batch, t('10:02')).feedback.map((n) => n.id)).toEqual(
      first.feedback.map((n) => n.id),
    );
    // The same batch redelivered after the save is a duplicate: nothing is saved or sent.
    const again = deliver(first.record, later(batch.map((e) => e.event)), t('10:03'));
    expect(again.d.save).toBeNull();
    expect(again.feedback).toEqual([]);
    // A later change of the ticket lists the survey again, and does not announce it.
    const replied = deliver(
      first.record,
      later([ev('T', t('10:30'), 'ticket.commented', { author: 'agent', public: true })]),
      t('10:31'),
    );
    expect(replied.d.followUps).toMatchObject([{ score: 1, listed: true }]);
    expect(replied.feedback).toEqual([]);
    // A re-survey is its own survey, with its own ids.
    const resurveyed = deliver(
      replied.record,
      later([surveyed(t('11:00'), 'csat', 2)]),
      t('11:01'),
    );
    expect(brief(resurveyed.feedback)).toEqual([
      ['lead', 2],
      ['mail', 2],
    ]);
    expect(resurveyed.feedback[0]!.id).not.toBe(first.feedback[0]!.id);
  });

  it('announces a survey that came before its ticket’s creation when the creation arrives', () => {
    // The survey is stored, but the fold cannot list it before the ticket exists.
    const early = deliver(NONE, accept([surveyed(t('10:00'), 'csat', 1)]), t('10:01'));
    expect(early.d.followUps).toEqual([]);
    expect(early.feedback).toEqual([]);
    const whole = deliver(early.record, later([emea(t('09:00'))]), t('10:02'));
    expect(brief(whole.feedback)).toEqual([
      ['lead', 1],
      ['mail', 1],
    ]);
  });

  it('announces nothing for a deleted ticket, nor for a survey older than the list keeps', () => {
    const deleted = deliver(
      NONE,
      accept([
        emea(t('09:00')),
        ev('T', t('09:30'), 'ticket.deleted'),
        surveyed(t('10:00'), 'csat', 1),
      ]),
      t('10:01'),
    );
    expect(deleted.feedback).toEqual([]);
    const old = deliver(
      NONE,
      accept([emea(t('09:00', 1)), surveyed(t('10:00', 1), 'csat', 1)]),
      t('10:01', 23),
    );
    expect(old.feedback).toEqual([]);
  });

  it('holds it through a receiver’s quiet hours, unless the receiver excepts feedback', () => {
    // Saturday 2026-11-28: the office is closed until Monday 08:00Z.
    const { feedback } = deliver(
      NONE,
      accept([emea(t('09:00', 28)), surveyed(t('10:00', 28), 'csat', 2)]),
      t('10:01', 28),
    );
    expect(feedback.map((n) => [n.receiver, n.deliverAt])).toEqual([
      ['lead', instant(t('08:00', 30))],
      ['mail', instant(t('10:00', 28))],
    ]);
  });
});
