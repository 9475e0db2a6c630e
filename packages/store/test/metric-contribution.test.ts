import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL } from '@slawatch/core';
import {
  formatContribution,
  parseContribution,
  type Contribution,
  type StoredFact,
} from '../src/metrics/metric-contribution.js';

const value = fc.string({ minLength: 1, maxLength: 12 });
const fact: fc.Arbitrary<StoredFact> = fc.oneof(
  fc.tuple(fc.constantFrom('c', 'rp', 'mf', 'bn'), fc.integer({ min: 0, max: 40_000_000 })),
  fc.tuple(
    fc.constantFrom('fr', 'rs', 'cs'),
    fc.integer({ min: 0, max: 40_000_000 }),
    fc.integer({ min: 0, max: 10 ** 9 }),
  ),
);
const contribution: fc.Arbitrary<Contribution> = fc.record({
  version: fc.integer({ min: 1, max: 10 ** 6 }),
  dims: fc.oneof(
    fc.constant([]),
    fc.array(value, { minLength: 7, maxLength: 7 }).map((d) => [ALL, ...d]),
  ),
  facts: fc.array(fact, { maxLength: 8 }),
  gauges: fc.array(fc.constantFrom('gn', 'go', 'ga', 'gb'), { maxLength: 3 }),
  contact: fc.option(fc.tuple(value, value, fc.integer({ min: 0, max: 2 ** 42 })), { nil: null }),
  counts: fc.dictionary(
    fc.constantFrom('e0', 'e3', 'e7', 'xfb', 'xnc', 'af'),
    fc.integer({ min: 1, max: 500 }),
  ),
  formers: fc.array(fc.tuple(value, value, fc.integer({ min: 0, max: 2 ** 42 })), {
    maxLength: 3,
  }),
});

describe('a stored metric contribution', () => {
  it('reads back exactly what was written (compact minutes, dimensions and counts)', () => {
    fc.assert(
      fc.property(contribution, (c) => {
        expect(parseContribution(formatContribution(c))).toEqual(c);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps facts as one short string: minutes after the first relative, a repeated one left out', () => {
    const c: Contribution = {
      version: 2,
      dims: [ALL, 'us', 'tech', 'high', 'email', 'business', 'us-default', 'agent-109'],
      facts: [
        ['c', 29938817],
        ['rp', 29938887],
        ['fr', 29938887, 4184776],
        ['so', 29939027],
        ['sv', 29939027],
        ['rs', 29939027, 12579702],
      ],
      gauges: [],
      contact: ['req-12305', 'refund', 1796329047444],
      counts: { e0: 1, e3: 2 },
      formers: [],
    };
    const text = formatContribution(c);
    expect(text).toBe(
      '2|[["us","tech","high","email","business","us-default","agent-109"],' +
        '"c29938817 rp70 fr:4184776 so210 sv rs:12579702",[],["req-12305","refund",1796329047444],"e0,e3:2"]',
    );
    expect(parseContribution(text)).toEqual(c);
  });

  it('still reads facts as a JSON array with relative minutes, as stored before issue 18', () => {
    const old =
      '4|[["emea","-","urgent","email","-","p","-"],[["c",100],["fr",2,120000]],[],null,""]';
    expect(parseContribution(old).facts).toEqual([
      ['c', 100],
      ['fr', 102, 120000],
    ]);
  });

  it('still reads the four-element form written before the counts existed', () => {
    const old =
      '3|[["*","emea","-","urgent","email","-","p","-"],[["c",100],["fr",102,120000]],["go"],null]';
    expect(parseContribution(old)).toEqual({
      version: 3,
      dims: ['*', 'emea', '-', 'urgent', 'email', '-', 'p', '-'],
      facts: [
        ['c', 100],
        ['fr', 102, 120000],
      ],
      gauges: ['go'],
      contact: null,
      counts: {},
      formers: [],
    });
  });
});
