import { describe, expect, it } from 'vitest';
import {
  describeProblem,
  dimensionValues,
  DIMENSIONS,
  emptyTicket,
  parsePolicyDocument,
  type TicketState,
} from '../../src/index.js';

const load = (metrics: string) => {
  const r = parsePolicyDocument(`
policies:
  - { id: emea-vip, match: { team: [emea], customerTier: [vip] }, targets: { firstResponse: 1h } }
  - { id: rest, targets: { firstResponse: 4h } }
${metrics}`);
  if (!r.ok) throw new Error(r.problems.map(describeProblem).join('; '));
  return r.policySet;
};

const ticket = (fields: Partial<TicketState['fields']>): TicketState => {
  const t = emptyTicket('T-1');
  return { ...t, fields: { ...t.fields, ...fields } };
};
const valueOf = (dims: string[], d: (typeof DIMENSIONS)[number]) => dims[DIMENSIONS.indexOf(d)];

describe('declared dimension values', () => {
  const set = load(`metrics:
  dimensionValues: { team: [us, apac], queue: [] }`);

  it('keeps declared values and values policies match on', () => {
    for (const team of ['us', 'apac', 'emea'])
      expect(valueOf(dimensionValues(ticket({ team }), set.dimensionFold), 'team')).toBe(team);
  });

  it('counts any other value of a declared dimension as "other", and no value as "-"', () => {
    const dims = dimensionValues(
      ticket({ team: 'invented-17', queue: 'billing' }),
      set.dimensionFold,
    );
    expect(valueOf(dims, 'team')).toBe('other');
    expect(valueOf(dims, 'queue')).toBe('other');
    expect(valueOf(dimensionValues(ticket({}), set.dimensionFold), 'team')).toBe('-');
  });

  it('keeps every value of a dimension that is not declared', () => {
    const dims = dimensionValues(
      ticket({ customerTier: 'invented-tier', assigneeId: 'agent-99' }),
      set.dimensionFold,
    );
    expect(valueOf(dims, 'customerTier')).toBe('invented-tier');
    expect(valueOf(dims, 'assignee')).toBe('agent-99');
    expect(load('').dimensionFold.size).toBe(0);
  });

  it('refuses an unknown dimension and more than 1,000 values, with the path', () => {
    const r = parsePolicyDocument(`
policies: []
metrics:
  dimensionValues:
    priority: [urgent]
    team: [${Array.from({ length: 1001 }, (_, i) => `t${i}`).join(', ')}]
`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const problems = r.problems.map(describeProblem).join('\n');
    expect(problems).toMatch(/^metrics(\.dimensionValues)?: .*priority/m);
    expect(problems).toMatch(/^metrics\.dimensionValues\.team: .*1000/m);
  });
});
