import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEvents, foldTicket, ticketTimers, ticketView } from '../../src/index.js';
import { accept } from '../support/events.js';
import { instant } from '../support/engine.js';
import { lifecycleArb, reorderKeepingTies } from '../support/lifecycle-arbitrary.js';
import { testPolicies as P } from '../support/test-policies.js';

const AT = instant('2026-11-27T12:00:00Z');
const view = (events: readonly Record<string, unknown>[]) => {
  const state = foldTicket('T', accept(events), P, AT);
  return { view: ticketView(state, AT, P), timers: ticketTimers(state, P) };
};

describe('fold invariants (fast-check)', () => {
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
});
