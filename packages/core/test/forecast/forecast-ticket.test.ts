import { describe, expect, it } from 'vitest';
import {
  binOf,
  breachProbability,
  forecastTicket,
  queueAhead,
  waitingSince,
  type ForecastHistograms,
} from '../../src/index.js';
import { agent, created, customer, status } from '../support/builders.js';
import { instant, policiesFrom, viewOf } from '../support/engine.js';
import { t } from '../support/test-policies.js';

// Given/When/Then over folded tickets. Times are on Monday 2026-11-23 (UTC).
const P = policiesFrom(`
policies:
  - id: urgent
    match: { priority: [urgent] }
    calendar: 24x7
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 2h, periodicUpdate: 45m }
`);
const min = 60_000;

/** Recent durations: every first response took 10 minutes, every next response 20, every resolution 3 hours. */
function histogramOf(ms: number, n = 100): Map<string, number> {
  return new Map([[binOf(ms), n]]);
}
const H: ForecastHistograms = {
  team: { fr: histogramOf(10 * min), nr: histogramOf(20 * min), rs: histogramOf(180 * min) },
};
const opened = created(t('09:00'));

describe('forecastTicket: the running clocks due within the horizon', () => {
  it('forecasts the first response due within the hour, not the resolution due in two', () => {
    const view = viewOf(P, [opened], t('09:05'))!;
    expect(forecastTicket(view, instant(t('09:05')), H)).toEqual([
      {
        ticketId: 'T',
        kind: 'firstResponse',
        cycle: 1,
        deadline: instant(t('09:15')),
        probability: 0,
        basis: 'team',
        samples: 100,
      },
    ]);
    const wider = forecastTicket(view, instant(t('09:05')), H, { horizonMs: 2 * 60 * min });
    expect(wider.map((f) => [f.kind, f.probability])).toEqual([
      ['firstResponse', 0],
      ['resolution', 1],
    ]);
  });

  it('leaves out paused and stopped clocks, and clocks without enough history', () => {
    const events = [opened, agent(t('09:05')), status(t('09:10'), 'pending')];
    const view = viewOf(P, events, t('09:20'))!;
    // The first response is met, resolution paused, the update cycle running.
    expect(forecastTicket(view, instant(t('09:20')), H).map((f) => f.kind)).toEqual([
      'periodicUpdate',
    ]);
    expect(forecastTicket(view, instant(t('09:20')), { all: H.team })).toEqual([
      expect.objectContaining({ kind: 'periodicUpdate', basis: 'all' }),
    ]);
    expect(forecastTicket(view, instant(t('09:20')), {})).toEqual([]);
  });

  it("forecasts an update cycle as the customer's wait for a reply while that wait is open", () => {
    // The cycle started at 09:05 (due 09:50); the customer wrote at 09:30 and waits. Next
    // responses take 20 minutes, so the reply is due at 09:50: on time, just.
    const events = [opened, agent(t('09:05')), customer(t('09:30'))];
    const now = instant(t('09:35'));
    const view = viewOf(P, events, t('09:35'))!;
    const update = forecastTicket(view, now, H).find((f) => f.kind === 'periodicUpdate')!;
    expect(update.deadline).toBe(instant(t('09:50')));
    const asReplyWait = breachProbability(
      {
        kind: 'nextResponse',
        startedAt: instant(t('09:30')),
        deadline: instant(t('09:50')),
        now,
      },
      H,
    );
    const asCycle = breachProbability(
      {
        kind: 'periodicUpdate',
        startedAt: instant(t('09:05')),
        deadline: instant(t('09:50')),
        now,
      },
      H,
    );
    expect(asReplyWait?.probability).not.toBe(asCycle?.probability);
    expect(update.probability).toBe(asReplyWait?.probability);
  });
});

describe('forecastTicket: the queue counts only while the ticket waits for a reply', () => {
  const queue = { ahead: 10, answeredPerHour: 60 };

  it('moves the deadlines of a ticket waiting for its first response', () => {
    // Due 09:15, and waits take 10 minutes: met without a queue, but 10 tickets ahead at
    // one a minute push it past the deadline.
    const view = viewOf(P, [opened], t('09:01'))!;
    const now = instant(t('09:01'));
    expect(forecastTicket(view, now, H)[0]?.probability).toBe(0);
    expect(forecastTicket(view, now, H, { queue })[0]?.probability).toBe(1);
  });

  it('is ignored once the ticket waits for nobody', () => {
    const events = [opened, agent(t('09:05'))];
    const view = viewOf(P, events, t('09:10'))!;
    const now = instant(t('09:10'));
    expect(waitingSince(view)).toBeNull();
    expect(forecastTicket(view, now, H, { queue })).toEqual(forecastTicket(view, now, H));
  });
});

describe("waitingSince and queueAhead: a team's queue of tickets waiting for a reply", () => {
  it('waits from creation for the first response, and from the customer comment for the next', () => {
    expect(waitingSince(viewOf(P, [opened], t('09:05'))!)).toBe(instant(t('09:00')));
    const answered = [opened, agent(t('09:05'))];
    expect(waitingSince(viewOf(P, answered, t('09:10'))!)).toBeNull();
    const again = [...answered, customer(t('09:20')), customer(t('09:25'))];
    expect(waitingSince(viewOf(P, again, t('09:30'))!)).toBe(instant(t('09:20')));
  });

  it('keeps waiting past a breach: the reply is still owed', () => {
    expect(waitingSince(viewOf(P, [opened], t('09:30'))!)).toBe(instant(t('09:00')));
  });

  it('puts higher priorities first, then those waiting longer, and never the ticket itself', () => {
    const at = (hhmm: string) => instant(t(hhmm));
    const me = { ticketId: 'me', priority: 'high', since: at('09:10') } as const;
    const waiting = [
      me,
      { ticketId: 'urgent-later', priority: 'urgent', since: at('09:20') },
      { ticketId: 'high-earlier', priority: 'high', since: at('09:05') },
      { ticketId: 'high-later', priority: 'high', since: at('09:15') },
      { ticketId: 'normal-earlier', priority: 'normal', since: at('08:00') },
    ] as const;
    expect(queueAhead(waiting, me)).toBe(2);
    expect(queueAhead([me], me)).toBe(0);
  });
});
