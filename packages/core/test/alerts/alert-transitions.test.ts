import { describe, expect, it } from 'vitest';
import { advanceTicket, decodeCompact, encodeCompact, hashKey } from '../../src/index.js';
import { accept } from '../support/events.js';
import { agent, created, status } from '../support/builders.js';
import { instant } from '../support/engine.js';
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
