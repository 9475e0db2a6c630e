import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUCKET_DIMENSIONS,
  dimensionValues,
  emptyTicket,
  parseTeamAgent,
  teamAgent,
  valuesToAdmit,
  withAdmitted,
  type TicketState,
} from '../../src/index.js';

const ticket = (fields: Partial<TicketState['fields']>): TicketState => {
  const t = emptyTicket('T-1');
  return { ...t, fields: { ...t.fields, ...fields } };
};
const pairOf = (dims: string[]) => dims[BUCKET_DIMENSIONS.indexOf('teamAssignee')];

describe('the team and agent pair of the agents view', () => {
  it('reads back the team and agent it was made of, whatever they hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (team, agent) => {
        expect(parseTeamAgent(teamAgent(team, agent))).toEqual([team, agent]);
      }),
    );
  });

  it('never gives two pairs one value, so a team cannot read another team’s agents', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (t1, a1, t2, a2) => {
        fc.pre(t1 !== t2 || a1 !== a2);
        expect(teamAgent(t1, a1)).not.toBe(teamAgent(t2, a2));
      }),
    );
    // The case a naive separator gets wrong: team "a/b" with agent "c" against team "a".
    expect(parseTeamAgent(teamAgent('a/b', 'c'))).toEqual(['a/b', 'c']);
    expect(teamAgent('a/b', 'c')).not.toBe(teamAgent('a', 'b/c'));
  });

  it('refuses a value it did not make', () => {
    expect(parseTeamAgent('no-separator')).toBeNull();
    expect(parseTeamAgent('bad\\escape/x')).toBeNull();
  });

  it('is the last bucket dimension, with the folded team and agent, "-" for none', () => {
    expect(pairOf(dimensionValues(ticket({ team: 'emea', assigneeId: 'ana' })))).toBe('emea/ana');
    expect(pairOf(dimensionValues(ticket({ team: 'emea' })))).toBe('emea/-');
    expect(pairOf(dimensionValues(ticket({})))).toBe('-/-');
  });

  it('asks the cap about the raw pair, and counts a refused pair under the team "other"', () => {
    const t = ticket({ team: 'emea', assigneeId: 'ana' });
    const asked = valuesToAdmit(t, new Map()).find(([d]) => d === 'teamAssignee');
    expect(asked).toBeDefined();
    const kept = withAdmitted(new Map(), new Map([['teamAssignee', new Set([asked![1]])]]));
    expect(pairOf(dimensionValues(t, kept))).toBe('emea/ana');
    const refused = withAdmitted(new Map(), new Map([['teamAssignee', new Set<string>()]]));
    expect(pairOf(dimensionValues(t, refused))).toBe('other/ana');
    // Neither team nor agent: nothing to ask, and the pair is kept whatever the cap says.
    expect(valuesToAdmit(ticket({}), new Map()).some(([d]) => d === 'teamAssignee')).toBe(false);
    expect(pairOf(dimensionValues(ticket({}), refused))).toBe('-/-');
  });
});
