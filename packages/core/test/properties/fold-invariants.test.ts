import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTicket,
  appendEvents,
  encodeCompact,
  foldTicket,
  orderEvents,
  ticketTimers,
  ticketView,
  type StoredTicket,
} from '../../src/index.js';
import { accept } from '../support/events.js';
import { instant, policiesFrom } from '../support/engine.js';
import { lifecycleArb, reorderKeepingTies } from '../support/lifecycle-arbitrary.js';
import { testPolicies } from '../support/test-policies.js';

const AT = instant('2026-11-27T12:00:00Z');

/**
 * The clock-rule policies with the further clocks (docs/events.md) targeted too: by some
 * policies and not others, so updates and reassignments move clocks between having a
 * target and not, on office hours and around the clock.
 */
const everyKind = policiesFrom(`
calendars:
  - id: berlin
    timezone: Europe/Berlin
    weekly: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
policies:
  - id: urgent
    match: { priority: [urgent] }
    calendar: 24x7
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 2h, periodicUpdate: 1h, pausableUpdate: 45m, requesterWait: 3h, agentWork: 90m }
    warnAt: [0.5, 0.75]
  - id: high-office
    match: { priority: [high] }
    calendar: berlin
    targets: { firstResponse: 1h, resolution: 8h, periodicUpdate: 2h, agentWork: 4h }
    pauseOn: [on_hold]
  - id: team-fast
    match: { team: [fast] }
    calendar: 24x7
    targets: { firstResponse: 1h, pausableUpdate: 30m, requesterWait: 2h }
`);

describe.each([
  ['the first three clocks', testPolicies],
  ['every clock kind', everyKind],
])('fold invariants (fast-check), %s', (_, P) => {
  const view = (events: readonly Record<string, unknown>[]) => {
    const state = foldTicket('T', accept(events), P, AT);
    return { view: ticketView(state, AT, P), timers: ticketTimers(state, P) };
  };

  it('any reordering that keeps equal-time events in their relative order gives the same view', () => {
    fc.assert(
      fc.property(
        lifecycleArb(),
        fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
        (events, keys) => {
          expect(view(reorderKeepingTies(events, keys))).toEqual(view(events));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('duplicated events change nothing', () => {
    fc.assert(
      fc.property(lifecycleArb(), fc.array(fc.nat(), { maxLength: 10 }), (events, picks) => {
        const repeats = picks.map((p) => events[p % events.length]!);
        expect(view([...events, ...repeats])).toEqual(view(events));
      }),
      { numRuns: 300 },
    );
  });

  it('appending deliveries one batch at a time equals folding them all at once', () => {
    fc.assert(
      fc.property(
        lifecycleArb(),
        fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (events, keys, batch) => {
          const delivered = accept(reorderKeepingTies(events, keys));
          let history = [] as ReturnType<typeof accept>;
          let state = null as ReturnType<typeof foldTicket> | null;
          for (let i = 0; i < delivered.length; i += batch) {
            const r = appendEvents('T', history, state, delivered.slice(i, i + batch), P);
            history = r.history;
            state = r.state;
          }
          const whole = foldTicket('T', delivered, P);
          expect(ticketView(state!, AT, P)).toEqual(ticketView(whole, AT, P));
          expect(ticketTimers(state!, P)).toEqual(ticketTimers(whole, P));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('advancing a stored record one delivery at a time equals folding every event at once, and stores them in order without repeats', () => {
    fc.assert(
      fc.property(
        lifecycleArb(),
        fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (events, keys, picks, batch) => {
          const ordered = reorderKeepingTies(events, keys);
          const delivered = accept([...ordered, ...picks.map((p) => ordered[p % ordered.length]!)]);
          let stored: StoredTicket | null = null;
          let last = null as ReturnType<typeof advanceTicket> | null;
          for (let i = 0; i < delivered.length; i += batch) {
            last = advanceTicket('T', stored, delivered.slice(i, i + batch), AT, P);
            // What the record keeps, as it reads back from Redis.
            stored = JSON.parse(
              JSON.stringify({ history: last.history, marks: last.marks }),
            ) as StoredTicket;
          }
          const whole = foldTicket('T', delivered, P);
          expect(ticketView(last!.state, AT, P)).toEqual(ticketView(whole, AT, P));
          expect(ticketTimers(last!.state, P)).toEqual(ticketTimers(whole, P));
          expect(last!.history).toEqual(orderEvents(delivered).map(encodeCompact));
        },
      ),
      { numRuns: 300 },
    );
  });
});
