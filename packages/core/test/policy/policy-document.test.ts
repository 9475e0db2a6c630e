import { describe, expect, it } from 'vitest';
import { describeProblem, loadPolicyDocument, parsePolicyDocument } from '../../src/index.js';

const problemsOf = (text: string): string[] => {
  const r = parsePolicyDocument(text);
  if (r.ok) throw new Error('expected the document to be rejected');
  return r.problems.map(describeProblem);
};

describe('the policy document (docs/policies.md)', () => {
  it('loads the annotated example of docs/policies.md', () => {
    const r = parsePolicyDocument(`
calendars:
  - id: emea-business
    timezone: Europe/Berlin
    weekly:
      mon: ["08:00-12:00", "13:00-18:00"]
      tue: ["08:00-18:00"]
      fri: ["08:00-16:00"]
    holidays: [2026-12-26, --12-25, { date: 2026-12-24, hours: ["09:00-13:00"] }]
policies:
  - id: urgent-enterprise
    match: { priority: [urgent], customerTier: [enterprise] }
    calendar: 24x7
    targets: { firstResponse: 15m, nextResponse: 30m, resolution: 4h }
    pauseOn: [pending, on_hold]
    warnAt: [0.75, 0.5]
  - id: default
    match: {}
    calendar: emea-business
    targets: { firstResponse: 4h, resolution: 24h }
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.policies.map((p) => p.id)).toEqual(['urgent-enterprise', 'default']);
    expect(r.document.policies[0]).toMatchObject({
      targets: { firstResponse: 900_000, nextResponse: 1_800_000, resolution: 14_400_000 },
      warnAt: [0.5, 0.75],
    });
    expect(r.document.policies[1]).toMatchObject({ pauseOn: ['pending', 'on_hold'], warnAt: [] });
  });

  it('accepts JSON and both spellings of attribute matches', () => {
    const r = loadPolicyDocument(
      JSON.parse(
        `{"policies":[{"id":"gold","match":{"attributes.plan":["gold"],"attributes":{"seats":[10]}},"targets":{"resolution":"PT8H"}}]}`,
      ),
    );
    expect(r.ok && r.document.policies[0]!.match).toEqual({
      attributes: { seats: [10], plan: ['gold'] },
    });
    expect(
      r.ok &&
        r.policySet.match({
          priority: 'low',
          channel: 'web',
          tags: [],
          attributes: { plan: 'gold', seats: 10 },
        })?.id,
    ).toBe('gold');
  });

  it('lists every problem with its path', () => {
    const problems = problemsOf(`
calendars:
  - id: office
    timezone: Europe/Berln
    weekly: { mon: ["08:00-12:00", "11:00-13:00"], tue: ["8-12"] }
policies:
  - id: a
    calendar: offise
    targets: { firstResponse: 1d, resolution: soon }
    warnAt: [0, 1.5]
    pauseOn: [solved]
  - id: a
    targetz: {}
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^calendars\[0\]\.timezone: .*Europe\/Berln/),
        expect.stringMatching(/^calendars\[0\]\.weekly\.mon\[1\]: .*overlap/),
        expect.stringMatching(/^calendars\[0\]\.weekly\.tue\[0\]: /),
        expect.stringMatching(/^policies\[0\]\.calendar: unknown calendar "offise"/),
        expect.stringMatching(/^policies\[0\]\.targets\.firstResponse: days are ambiguous/),
        expect.stringMatching(/^policies\[0\]\.targets\.resolution: must be a duration/),
        'policies[0].warnAt[0]: must be a fraction of the target between 0 and 1 (exclusive), got 0',
        'policies[0].warnAt[1]: must be a fraction of the target between 0 and 1 (exclusive), got 1.5',
        'policies[0].pauseOn[0]: must be one of new, open, pending, on_hold',
        'policies[1]: unknown field "targetz"',
      ]),
    );
  });

  it('reports duplicate policy ids and a redefined 24x7', () => {
    const problems = problemsOf(`
policies:
  - { id: a }
  - { id: a }
`);
    expect(problems).toEqual(['policies[1].id: duplicate policy id "a"']);
  });

  it('reports duplicate calendar ids and refuses to redefine 24x7', () => {
    const cal = (id: string) =>
      `  - { id: ${id}, timezone: UTC, weekly: { mon: ["09:00-17:00"] } }`;
    expect(problemsOf(`calendars:\n${cal('x')}\n${cal('x')}\npolicies: []`)).toEqual([
      'calendars[1].id: duplicate calendar id "x"',
    ]);
    expect(problemsOf(`calendars:\n${cal('24x7')}\npolicies: []`)[0]).toMatch(
      /^calendars\[0\]\.id: /,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('policies:\n  - id: a\n   bad: [')[0]).toMatch(/^line \d+, column \d+: /);
  });

  it('reports an unknown top-level section and a missing policies list', () => {
    expect(problemsOf('calendar: []').sort()).toEqual([
      'policies: is required',
      'unknown field "calendar"',
    ]);
  });
});
