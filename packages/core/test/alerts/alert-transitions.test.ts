import { describe, expect, it } from 'vitest';
import { advanceTicket, decodeCompact, encodeCompact, hashKey } from '../../src/index.js';
import { accept } from '../support/events.js';
import { agent, created, status } from '../support/builders.js';
import { instant, policiesFrom } from '../support/engine.js';
import { t, testPolicies as P } from '../support/test-policies.js';

// The live system's step (advanceTicket): what to announce and when to look again.
const step = (events: Record<string, unknown>[], at: string, marks: string[] = []) =>
  advanceTicket('T', { history: [], marks }, accept(events), instant(at), P);

describe('alert transitions', () => {
  it('announces a breach once, at its deadline', () => {
    const first = step([created(t('09:00'))], t('09:20'));
    const breach = first.transitions.find((x) => x.type === 'sla.breached');
    expect(breach).toMatchObject({
      clock: 'firstResponse',
      cycle: 1,
      time: instant(t('09:15')),
      mark: 'firstResponse:1:breached',
    });
    const again = step([created(t('09:00'))], t('09:21'), first.marks);
    expect(again.transitions.filter((x) => x.type === 'sla.breached')).toEqual([]);
  });

  it('announces each at-risk threshold crossed, with the deadline it warns of', () => {
    const r = step([created(t('09:00'))], t('09:12'));
    expect(
      r.transitions
        .filter((x) => x.clock === 'firstResponse')
        .map((x) => [x.type, x.threshold, x.time, x.deadline]),
    ).toEqual([
      ['sla.at_risk', 0.5, instant(t('09:07:30')), instant(t('09:15'))],
      ['sla.at_risk', 0.75, instant(t('09:11:15')), instant(t('09:15'))],
    ]);
  });

  it('announces a resolve when a clock that was alerted on stops', () => {
    const alerted = step([created(t('09:00'))], t('09:20')).marks;
    const r = step([created(t('09:00')), agent(t('09:25'))], t('09:25'), alerted);
    expect(r.transitions.map((x) => [x.type, x.clock, x.time])).toEqual([
      ['sla.resolved', 'firstResponse', instant(t('09:25'))],
    ]);
  });

  it('announces nothing for a clock met without any alert', () => {
    expect(
      step([created(t('09:00')), agent(t('09:05'))], t('09:06')).transitions.filter(
        (x) => x.clock === 'firstResponse',
      ),
    ).toEqual([]);
  });

  it('publishes a correction when a late event shows an announced breach did not happen', () => {
    const announced = step([created(t('09:00'))], t('09:20')).marks;
    const late = step([created(t('09:00')), agent(t('09:10'))], t('09:30'), announced);
    expect(late.transitions.map((x) => x.type)).toEqual(['sla.corrected', 'sla.resolved']);
  });

  it('asks to look again at the next deadline or threshold not yet announced', () => {
    expect(step([created(t('09:00'))], t('09:00')).next).toBe(instant(t('09:07:30')));
    const afterRisk = step([created(t('09:00'))], t('09:08'));
    expect(afterRisk.next).toBe(instant(t('09:11:15')));
    expect(
      step([created(t('09:00')), agent(t('09:01')), status(t('09:02'), 'pending')], t('09:03'))
        .next,
    ).toBeNull();
  });

  it('marks a closed or deleted ticket as finished (kept for the retention only)', () => {
    expect(step([created(t('09:00')), status(t('09:10'), 'closed')], t('09:10')).finished).toBe(
      true,
    );
    expect(step([created(t('09:00'))], t('09:10')).finished).toBe(false);
  });
});

describe('compact history', () => {
  it('round-trips an event through its stored form', () => {
    const [e] = accept([created(t('09:00'), { team: 'emea', tags: ['a'] })]);
    const back = decodeCompact('T', encodeCompact(e!));
    expect(back.time).toBe(e!.time);
    expect(back.seq).toBe(e!.seq);
    expect(back.event.type).toBe('ticket.created');
    expect(back.event.data).toEqual(e!.event.data);
    // The envelope a fold reads: the ticket, the hashed key, the time as RFC 3339.
    expect(back.event.subject).toBe('T');
    expect(back.event.source).toBe('');
    expect(back.event.id).toBe(hashKey(`${e!.event.source}\u0000${e!.event.id}`));
    expect(back.event.time).toBe(e!.event.time);
    // Encoded again, a decoded event gives back the form it came from, not a copy.
    const stored = encodeCompact(e!);
    const decoded = decodeCompact('T', stored);
    expect(encodeCompact(decoded)).toBe(stored);
    // ... unless it was given another time or offset, which is encoded anew.
    expect(encodeCompact({ ...decoded, seq: decoded.seq + 1 })).toEqual([
      stored[0],
      stored[1],
      stored[2] + 1,
      stored[3],
      stored[4],
    ]);
  });

  it('hashes idempotency keys stably and tells different ones apart', () => {
    expect(hashKey('zendesk\u0000e-1')).toBe(hashKey('zendesk\u0000e-1'));
    const keys = new Set(Array.from({ length: 20_000 }, (_, i) => hashKey(`src\u0000event-${i}`)));
    expect(keys.size).toBe(20_000);
  });

  it('drops a redelivered event already in the stored history', () => {
    const events = [created(t('09:00')), agent(t('09:05'))];
    const first = advanceTicket('T', null, accept(events), instant(t('09:06')), P);
    const again = advanceTicket(
      'T',
      { history: first.history, marks: first.marks },
      accept(events),
      instant(t('09:06')),
      P,
    );
    expect(again.duplicates).toBe(2);
    expect(again.changed).toBe(false);
    expect(again.history).toEqual(first.history);
  });
});

describe('alert levels of issue 7: reminders, and resolves on a pause', () => {
  // Resolution: the clock that pauses (docs/events.md), 15 minutes, warned at half.
  const R = policiesFrom(`
policies:
  - id: urgent
    targets: { resolution: 15m }
    warnAt: [0.5]
alerting:
  reminders: [30m, 2h]
`);
  const at = (events: Record<string, unknown>[], when: string, marks: string[] = []) =>
    advanceTicket('T', { history: [], marks }, accept(events), instant(when), R);
  const kinds = (r: ReturnType<typeof at>) => r.transitions.map((x) => [x.type, x.mark, x.time]);

  it('reminds at each offset after the breach while the clock runs, each once', () => {
    const breached = at([created(t('09:00'))], t('09:16'));
    expect(breached.next).toBe(instant(t('09:45'))); // the first reminder
    const first = at([created(t('09:00'))], t('09:45'), breached.marks);
    expect(kinds(first)).toEqual([
      ['sla.reminder', 'resolution:1:reminder:1800000', instant(t('09:45'))],
    ]);
    expect(first.transitions[0]).toMatchObject({ after: 1_800_000, deadline: instant(t('09:15')) });
    expect(first.next).toBe(instant(t('11:15')));
    expect(kinds(at([created(t('09:00'))], t('10:00'), first.marks))).toEqual([]);
  });

  it('sends only the latest reminder due when several are, and none after it', () => {
    const late = at([created(t('09:00'))], t('12:00'));
    expect(late.transitions.map((x) => x.type)).toEqual(['sla.breached', 'sla.reminder']);
    expect(late.transitions[1]!.mark).toBe('resolution:1:reminder:7200000');
    expect(late.next).toBeNull();
  });

  it('resolves the open alerts when the clock pauses, and raises nothing more until it breaches', () => {
    const warned = at([created(t('09:00'))], t('09:08'));
    expect(warned.transitions.map((x) => x.type)).toEqual(['sla.at_risk']);
    const events = [created(t('09:00')), status(t('09:10'), 'pending')];
    const paused = at(events, t('09:10'), warned.marks);
    expect(kinds(paused)).toEqual([
      ['sla.resolved', `resolution:1:resolved@${instant(t('09:10'))}`, instant(t('09:10'))],
    ]);
    // Running again, still past the threshold: the at-risk alert is not raised again ...
    const resumed = [...events, status(t('09:30'), 'open')];
    expect(kinds(at(resumed, t('09:31'), paused.marks))).toEqual([]);
    // ... but the breach is (5 minutes were left at the pause), and its resolve when solved.
    const breach = at(resumed, t('09:36'), paused.marks);
    expect(breach.transitions.map((x) => x.type)).toEqual(['sla.breached']);
    const solved = at([...resumed, status(t('09:40'), 'solved')], t('09:40'), breach.marks);
    expect(kinds(solved)).toEqual([['sla.resolved', 'resolution:1:resolved', instant(t('09:40'))]]);
  });

  it('sends no reminder while paused, and resolves nothing for a clock never alerted', () => {
    expect(
      at([created(t('09:00')), status(t('09:05'), 'pending')], t('09:06')).transitions,
    ).toEqual([]);
    const breached = at([created(t('09:00'))], t('09:20'));
    const paused = at(
      [created(t('09:00')), status(t('09:30'), 'pending')],
      t('10:30'),
      breached.marks,
    );
    expect(kinds(paused)).toEqual([
      ['sla.resolved', `resolution:1:resolved@${instant(t('09:30'))}`, instant(t('09:30'))],
    ]);
  });
});
