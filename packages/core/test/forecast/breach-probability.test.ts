import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binOf,
  breachProbability,
  CLOCK_KINDS,
  FORECAST_SOURCE,
  type ClockKind,
  type ForecastHistograms,
} from '../../src/index.js';

const min = 60_000;
const NOW = Date.parse('2026-11-23T09:00:00Z');

/** A histogram of durations in ms, binned as the rolling metrics bin them. */
function histogram(...durations: number[]): Map<string, number> {
  const bins = new Map<string, number>();
  for (const d of durations) bins.set(binOf(d), (bins.get(binOf(d)) ?? 0) + 1);
  return bins;
}
const times = (n: number, ms: number): number[] => Array.from({ length: n }, () => ms);

// 60 first responses took 2 minutes and 40 took 10: far from the ages below, so no bin
// is cut in part and the shares are exact.
const team = histogram(...times(60, 2 * min), ...times(40, 10 * min));
const teamFr: ForecastHistograms = { team: { fr: team } };

/** A first response clock `age` ms old now, due `dueAge` ms after its start. */
const firstResponse = (age: number, dueAge: number) => ({
  kind: 'firstResponse' as const,
  startedAt: NOW - age,
  deadline: NOW - age + dueAge,
  now: NOW,
});

describe('breach probability: the share of recent durations longer than the deadline, among those longer than the clock is old', () => {
  it('gives the share that ran past the deadline, of those that ran as long as the clock has', () => {
    expect(breachProbability(firstResponse(1 * min, 5 * min), teamFr)).toEqual({
      probability: 0.4,
      basis: 'team',
      samples: 100,
    });
  });

  it('forgets the durations that ended before the clock got this old', () => {
    // Past every 2-minute wait: only the 10-minute ones are still like it, and all ran past 5.
    expect(breachProbability(firstResponse(3 * min, 5 * min), teamFr)?.probability).toBe(1);
  });

  it('gives 0 when every duration as old as the clock ended before its deadline', () => {
    expect(breachProbability(firstResponse(1 * min, 20 * min), teamFr)?.probability).toBe(0);
  });

  it('gives 1 to a clock older than every duration seen, however far its deadline', () => {
    for (const dueAge of [20 * min, 25 * min, 3 * 86_400_000])
      expect(breachProbability(firstResponse(15 * min, dueAge), teamFr)?.probability).toBe(1);
  });

  it('gives 1 at or past the deadline', () => {
    expect(breachProbability(firstResponse(5 * min, 5 * min), teamFr)?.probability).toBe(1);
    expect(breachProbability(firstResponse(6 * min, 5 * min), teamFr)?.probability).toBe(1);
  });

  it('reads a deadline inside a bin as part of that bin, so two deadlines in one bin still differ', () => {
    const spread = histogram(...Array.from({ length: 200 }, (_, i) => 60_000 + i * 600));
    const a = breachProbability(firstResponse(0, 100_000), { team: { fr: spread } })!;
    const b = breachProbability(firstResponse(0, 100_500), { team: { fr: spread } })!;
    expect(binOf(100_000)).toBe(binOf(100_500));
    expect(b.probability).toBeLessThan(a.probability);
    // About 67 % of 60-180 s lie beyond 100 s; the bins are 4 % wide.
    expect(a.probability).toBeCloseTo(0.67, 1);
  });
});

const durationsArb = fc.array(fc.integer({ min: 0, max: 7 * 86_400_000 }), {
  minLength: 1,
  maxLength: 200,
});
/** Any history counts, however small. */
const ANY = { minSamples: 1 };

describe('breach probability: properties', () => {
  it('is between 0 and 1 for any history and any clock', () => {
    fc.assert(
      fc.property(
        durationsArb,
        fc.integer({ min: 0, max: 10 * 86_400_000 }),
        fc.integer({ min: -86_400_000, max: 10 * 86_400_000 }),
        (durations, age, dueAge) => {
          const p = breachProbability(
            firstResponse(age, dueAge),
            { all: { fr: histogram(...durations) } },
            ANY,
          );
          expect(p).not.toBeNull();
          expect(p!.probability).toBeGreaterThanOrEqual(0);
          expect(p!.probability).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never rises with more time left', () => {
    fc.assert(
      fc.property(
        durationsArb,
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.integer({ min: 1, max: 86_400_000 }),
        (durations, age, left, more) => {
          const h = { all: { fr: histogram(...durations) } };
          const sooner = breachProbability(firstResponse(age, age + left), h, ANY)!.probability;
          const later = breachProbability(
            firstResponse(age, age + left + more),
            h,
            ANY,
          )!.probability;
          expect(later).toBeLessThanOrEqual(sooner + 1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never falls with more tickets ahead in the queue', () => {
    fc.assert(
      fc.property(
        durationsArb,
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.nat(50),
        fc.integer({ min: 1, max: 20 }),
        fc.nat(120),
        (durations, age, left, ahead, more, answeredPerHour) => {
          const h = { all: { fr: histogram(...durations) } };
          const clock = firstResponse(age, age + left);
          const p = (n: number) =>
            breachProbability({ ...clock, queue: { ahead: n, answeredPerHour } }, h, ANY)!
              .probability;
          expect(p(ahead + more)).toBeGreaterThanOrEqual(p(ahead) - 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('breach probability: the queue ahead of a ticket waiting for a reply', () => {
  it('moves the deadline earlier by the time the team takes to answer the tickets ahead', () => {
    // Due 12 minutes after its start, past every wait seen; but 6 tickets ahead at 60
    // answers an hour take 6 minutes, so it is read as due at 6, past only the 2-minute ones.
    const clock = firstResponse(1 * min, 12 * min);
    const queued = { ...clock, queue: { ahead: 6, answeredPerHour: 60 } };
    expect(breachProbability(clock, teamFr)?.probability).toBe(0);
    expect(breachProbability(queued, teamFr)?.probability).toBe(0.4);
  });

  it('changes nothing with nobody ahead, and gives 1 when the team answered nothing in the last hour', () => {
    const clock = firstResponse(1 * min, 5 * min);
    expect(
      breachProbability({ ...clock, queue: { ahead: 0, answeredPerHour: 0 } }, teamFr)?.probability,
    ).toBe(0.4);
    expect(
      breachProbability({ ...clock, queue: { ahead: 1, answeredPerHour: 0 } }, teamFr)?.probability,
    ).toBe(1);
  });
});

describe('breach probability: whose durations', () => {
  const small = histogram(...times(10, 2 * min));
  const priority = histogram(...times(100, 10 * min));
  const all = histogram(...times(300, 2 * min), ...times(100, 10 * min));
  const clock = firstResponse(1 * min, 5 * min);

  it("reads the team's histogram when it holds enough durations", () => {
    expect(breachProbability(clock, { team: { fr: team }, priority: { fr: priority } })).toEqual({
      probability: 0.4,
      basis: 'team',
      samples: 100,
    });
  });

  it("falls back to the priority's, then to all, when the team's is too small or missing", () => {
    const h = { team: { fr: small }, priority: { fr: priority }, all: { fr: all } };
    expect(breachProbability(clock, h, { minSamples: 50 })).toEqual({
      probability: 1,
      basis: 'priority',
      samples: 100,
    });
    expect(breachProbability(clock, { ...h, priority: {} }, { minSamples: 50 })).toEqual({
      probability: 0.25,
      basis: 'all',
      samples: 400,
    });
    expect(breachProbability(clock, h, { minSamples: 10 })?.basis).toBe('team');
  });

  it("starts at the priority's when asked to", () => {
    const h = { team: { fr: team }, priority: { fr: priority }, all: { fr: all } };
    expect(breachProbability(clock, h, { prefer: 'priority' })?.basis).toBe('priority');
  });

  it('gives no forecast when no histogram holds enough durations', () => {
    expect(breachProbability(clock, { team: { fr: small }, all: { fr: small } })).toBeNull();
    expect(breachProbability(clock, {})).toBeNull();
    expect(breachProbability(clock, { all: { fr: new Map() } }, { minSamples: 0 })).toBeNull();
  });
});

describe('breach probability: which duration stands for each clock kind', () => {
  const expected: Record<ClockKind, 'fr' | 'nr' | 'rs'> = {
    firstResponse: 'fr',
    nextResponse: 'nr',
    resolution: 'rs',
    periodicUpdate: 'nr',
    pausableUpdate: 'nr',
    requesterWait: 'rs',
    agentWork: 'rs',
  };

  it.each(CLOCK_KINDS)('%s reads its own source and no other', (kind) => {
    expect(FORECAST_SOURCE[kind]).toBe(expected[kind]);
    const clock = { ...firstResponse(1 * min, 5 * min), kind };
    const only = (source: 'fr' | 'nr' | 'rs'): ForecastHistograms => ({
      all: { [source]: team },
    });
    expect(breachProbability(clock, only(expected[kind]))?.probability).toBe(0.4);
    for (const other of (['fr', 'nr', 'rs'] as const).filter((s) => s !== expected[kind]))
      expect(breachProbability(clock, only(other))).toBeNull();
  });
});
