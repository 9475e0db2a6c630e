import { describe, expect, it } from 'vitest';
import {
  advanceTicket,
  decideTicket,
  EVENT_TYPES,
  foldTicket,
  followUpListing,
  isLowScore,
  type AcceptedEvent,
  type DecisionContext,
  type ReadTicket,
  type TicketDecision,
} from '../../src/index.js';
import { created, status } from '../support/builders.js';
import { accept, ev } from '../support/events.js';
import { instant } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

const SURVEYED = EVENT_TYPES.indexOf('ticket.surveyed');
const NONE: ReadTicket = { version: 0, history: [], marks: [], next: null };
const DAY = 86_400_000;
const surveyed = (time: string, kind: 'csat' | 'nps', score: number, id?: string) =>
  ev('T', time, 'ticket.surveyed', { kind, score }, id);
const deleted = (time: string) => ev('T', time, 'ticket.deleted');

const context = (at: string): DecisionContext => ({
  now: instant(at),
  policies: P,
  fold: P.dimensionFold,
  retentionMs: 7 * DAY,
  notify: false,
});

/** Numbers events after `from` (a later delivery's sequence numbers come after the first's). */
const acceptFrom = (from: number, events: readonly Record<string, unknown>[]): AcceptedEvent[] =>
  accept(events).map((e) => ({ ...e, seq: e.seq + from }));

/** Decides one delivery on the record `read`, as the store does; returns the record saved. */
function deliver(read: ReadTicket, events: readonly AcceptedEvent[], at: string) {
  const ctx = context(at);
  const stored = read.version === 0 ? null : read;
  const d: TicketDecision = decideTicket(read, advanceTicket('T', stored, events, ctx.now, P), ctx);
  const record: ReadTicket = d.save
    ? { version: read.version + 1, history: d.save.history, marks: d.save.marks, next: d.save.next }
    : read;
  return { d, record };
}

describe('the follow-up list: low survey scores', () => {
  it('counts CSAT 1-2 and NPS 0-6 as low, and CSAT 3 and NPS 7 as not', () => {
    expect([1, 2, 3, 4, 5].map((s) => isLowScore('csat', s))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect([0, 6, 7, 8, 9, 10].map((s) => isLowScore('nps', s))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('lists a low survey with its kind, score and time, and not a good one', () => {
    // Given a ticket surveyed twice, one CSAT 2 and one CSAT 5
    const events = accept([
      created(t('09:00')),
      status(t('10:00'), 'solved'),
      surveyed(t('11:00'), 'csat', 2),
      surveyed(t('11:05'), 'csat', 5),
    ]);
    // When the batch is decided
    const { d } = deliver(NONE, events, t('11:06'));
    // Then only the CSAT 2 is listed, at its survey time
    expect(d.followUps).toEqual([
      { kind: 'csat', score: 2, at: instant(t('11:00')), key: d.followUps[0]?.key, listed: true },
    ]);
    // Named by its event, as the stored history names it.
    expect(d.followUps[0]?.key).toBe(d.save!.history.find((e) => e[0] === SURVEYED)![3]);
  });

  it('still lists a survey that arrives after the ticket is closed', () => {
    const events = accept([
      created(t('09:00')),
      status(t('10:00'), 'closed'),
      surveyed(t('12:00'), 'nps', 3),
    ]);
    expect(deliver(NONE, events, t('12:01')).d.followUps).toMatchObject([
      { kind: 'nps', score: 3, listed: true },
    ]);
  });

  it('keeps each low survey of a re-surveyed ticket as its own entry', () => {
    // Given a ticket that scored CSAT 1, saved
    const first = deliver(
      NONE,
      accept([created(t('09:00')), surveyed(t('10:00'), 'csat', 1)]),
      t('10:01'),
    );
    // When it is surveyed again, CSAT 2, in a later batch
    const second = deliver(
      first.record,
      acceptFrom(10, [surveyed(t('11:00'), 'csat', 2)]),
      t('11:01'),
    );
    // Then both are listed, each under its own key, the first under the key it had
    expect(second.d.followUps.map((f) => [f.score, f.listed])).toEqual([
      [1, true],
      [2, true],
    ]);
    const [one, two] = second.d.followUps;
    expect(one!.key).toBe(first.d.followUps[0]!.key);
    expect(two!.key).not.toBe(one!.key);
  });

  it('lists a survey repeated with the same event id once, and a redelivery lists nothing new', () => {
    // Given the same survey event delivered twice in one batch
    const again = surveyed(t('10:00'), 'csat', 1, 'survey-1');
    const first = deliver(NONE, accept([created(t('09:00')), again, { ...again }]), t('10:01'));
    // Then it is one entry
    expect(first.d.followUps).toHaveLength(1);
    // And when the batch is delivered once more, nothing is written, so nothing is listed
    const replay = deliver(first.record, acceptFrom(10, [again]), t('10:02'));
    expect(replay.d.save).toBeNull();
    expect(replay.d.followUps).toEqual([]);
  });

  it('names a survey the same whether it is folded as delivered or from the stored record', () => {
    const events = accept([created(t('09:00')), surveyed(t('10:00'), 'nps', 0)]);
    const delivered = deliver(NONE, events, t('10:01'));
    // A later event makes the record fold again from its compact history.
    const later = deliver(
      delivered.record,
      acceptFrom(10, [status(t('11:00'), 'open')]),
      t('11:01'),
    );
    expect(later.d.followUps.map((f) => f.key)).toEqual(delivered.d.followUps.map((f) => f.key));
    // And a fold of the raw events (simulate, report) names it the same too.
    const folded = foldTicket('T', events, P).surveys.map((s) => s.key);
    expect(folded).toEqual(delivered.d.followUps.map((f) => f.key));
  });

  it('takes every low survey of a deleted ticket off the list', () => {
    // Given a ticket with two low surveys, listed
    const first = deliver(
      NONE,
      accept([
        created(t('09:00')),
        surveyed(t('10:00'), 'csat', 1),
        surveyed(t('10:01'), 'nps', 4),
      ]),
      t('10:02'),
    );
    expect(first.d.followUps.every((f) => f.listed)).toBe(true);
    // When the ticket is deleted
    const gone = deliver(first.record, acceptFrom(10, [deleted(t('11:00'))]), t('11:01'));
    // Then both leave the list, under the keys they were listed with
    expect(gone.d.followUps).toEqual(first.d.followUps.map((f) => ({ ...f, listed: false })));
  });

  it('never lists a survey made after the ticket was deleted, nor one before it was created', () => {
    const events = accept([
      surveyed(t('08:00'), 'csat', 1),
      created(t('09:00')),
      deleted(t('10:00')),
      surveyed(t('11:00'), 'csat', 1),
    ]);
    expect(deliver(NONE, events, t('11:01')).d.followUps.filter((f) => f.listed)).toEqual([]);
    // Deleted or not, the survey before creation is not the ticket's.
    expect(followUpListing(foldTicket('T', events.slice(0, 2), P), [], 0)).toEqual([]);
  });

  it('takes off a listed survey that a late deletion now comes before', () => {
    // Given a listed CSAT 1 at 10:00
    const first = deliver(
      NONE,
      accept([created(t('09:00')), surveyed(t('10:00'), 'csat', 1)]),
      t('10:01'),
    );
    // When a deletion at 09:30 arrives late (the fold now ignores the survey after it)
    const late = deliver(first.record, acceptFrom(10, [deleted(t('09:30'))]), t('10:05'));
    // Then the survey still leaves the list, under the key it was listed with
    expect(late.d.followUps).toEqual([{ ...first.d.followUps[0]!, listed: false }]);
  });

  it('does not list again a survey older than the retention when the ticket changes', () => {
    // Given a CSAT 1 eight days ago (the list keeps seven)
    const events = accept([created(t('09:00', 1)), surveyed(t('10:00', 1), 'csat', 1)]);
    const first = deliver(NONE, events, t('10:01', 1));
    expect(first.d.followUps).toHaveLength(1);
    // When the ticket changes eight days later
    const later = deliver(
      first.record,
      acceptFrom(10, [status(t('10:00', 9), 'open')]),
      t('10:01', 9),
    );
    // Then the survey is not listed again (the store trimmed it)
    expect(later.d.save).not.toBeNull();
    expect(later.d.followUps).toEqual([]);
  });
});
