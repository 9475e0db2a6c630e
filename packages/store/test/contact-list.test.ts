import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL } from '@slawatch/core';
import {
  applyContactChanges,
  legacyContactList,
  MAX_ENTRIES,
  type ContactChange,
  type ContactFactChange,
} from '../src/metrics/contact-list.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = 40 * DAY;
const CUTOFF = Math.floor((NOW - 8 * DAY) / MINUTE);
const OLDEST = NOW - 15 * DAY;
const dims = (team: string) => [ALL, team, 'billing'];

const join = (text: string | null, ...changes: ContactChange[]) =>
  applyContactChanges(text, changes, CUTOFF, OLDEST, NOW);

/** The repeat-contact facts counted, as `team@minute` → count, after summing changes. */
function tally(facts: readonly ContactFactChange[], into = new Map<string, number>()) {
  for (const f of facts) {
    const key = `${f.dims[1]}@${f.minute}`;
    const n = (into.get(key) ?? 0) + f.sign;
    if (n === 0) into.delete(key);
    else into.set(key, n);
  }
  return into;
}

describe('a requester contact list (repeat contacts across lanes)', () => {
  it('counts the second ticket within 7 days as a repeat contact, under its own dimensions', () => {
    const first = join(null, { ticketId: 'A', version: 1, at: NOW - 3 * DAY, dims: dims('emea') });
    expect(first.facts).toEqual([]);
    const second = join(first.value, {
      ticketId: 'B',
      version: 1,
      at: NOW - DAY,
      dims: dims('us'),
    });
    expect(second.facts).toEqual([
      { dims: dims('us'), minute: Math.floor((NOW - DAY) / MINUTE), sign: 1 },
    ]);
  });

  it("moves a neighbour's fact when an earlier ticket arrives late (the neighbour is not in the batch)", () => {
    const b = join(null, { ticketId: 'B', version: 1, at: NOW - DAY, dims: dims('us') });
    const a = join(b.value, { ticketId: 'A', version: 1, at: NOW - 2 * DAY, dims: dims('emea') });
    expect(tally(a.facts)).toEqual(new Map([[`us@${Math.floor((NOW - DAY) / MINUTE)}`, 1]]));
  });

  it('ignores a version it already has, and an older one after a newer (a redelivery, a lost partition)', () => {
    const v2 = join(null, { ticketId: 'A', version: 2, at: NOW - DAY, dims: dims('emea') });
    const again = join(v2.value, { ticketId: 'A', version: 2, at: NOW - DAY, dims: dims('us') });
    expect(again).toEqual({ value: v2.value, facts: [] });
    const left = join(v2.value, { ticketId: 'A', version: 3, at: null, dims: [] });
    const stale = join(left.value, {
      ticketId: 'A',
      version: 2,
      at: NOW - DAY,
      dims: dims('emea'),
    });
    expect(stale).toEqual({ value: left.value, facts: [] });
  });

  it("takes a leaving ticket's fact and its neighbours' away, and keeps a tombstone", () => {
    const a = join(null, { ticketId: 'A', version: 1, at: NOW - 2 * DAY, dims: dims('emea') });
    const b = join(a.value, { ticketId: 'B', version: 1, at: NOW - DAY, dims: dims('us') });
    const gone = join(b.value, { ticketId: 'A', version: 2, at: null, dims: [] });
    expect(tally([...b.facts, ...gone.facts])).toEqual(new Map());
    expect(gone.value).toContain('"A"');
  });

  it('neither adds nor takes away a fact of a minute before the cutoff', () => {
    const old = NOW - 9 * DAY;
    const a = join(null, { ticketId: 'A', version: 1, at: old - DAY, dims: dims('emea') });
    const b = join(a.value, { ticketId: 'B', version: 1, at: old, dims: dims('us') });
    expect(b.facts).toEqual([]);
  });

  it('drops entries created before the oldest instant kept', () => {
    const a = join(null, { ticketId: 'A', version: 1, at: OLDEST - 1, dims: dims('emea') });
    const b = join(a.value, { ticketId: 'B', version: 1, at: NOW - DAY, dims: dims('us') });
    expect(b.value).not.toContain('"A"');
  });

  it('keeps at most the newest MAX_ENTRIES tickets of one requester and category', () => {
    const many = Array.from({ length: MAX_ENTRIES + 50 }, (_, i) => ({
      ticketId: `T-${i}`,
      version: 1,
      at: NOW - DAY + i * MINUTE,
      dims: dims('emea'),
    }));
    const list = join(null, ...many);
    const kept = JSON.parse(list.value) as [string][];
    expect(kept).toHaveLength(MAX_ENTRIES);
    expect(kept.map(([id]) => id)).not.toContain('T-0');
    expect(kept.map(([id]) => id)).toContain(`T-${MAX_ENTRIES + 49}`);
  });

  it('keeps a list from before lanes: its tickets are neighbours, their own facts stay in their contributions', () => {
    const legacy = legacyContactList(JSON.stringify([['OLD', NOW - 3 * DAY]]));
    const next = join(legacy, { ticketId: 'NEW', version: 1, at: NOW - DAY, dims: dims('us') });
    // NEW is a repeat of OLD; OLD gets no fact here (its contribution has it, if any).
    expect(next.facts).toEqual([
      { dims: dims('us'), minute: Math.floor((NOW - DAY) / MINUTE), sign: 1 },
    ]);
    // OLD's next version replaces its entry: its fact is counted here from then on (it is
    // no repeat: nothing came before it), and nothing is taken away for the old entry.
    const moved = join(next.value, {
      ticketId: 'OLD',
      version: 4,
      at: NOW - 3 * DAY,
      dims: dims('emea'),
    });
    expect(moved.facts).toEqual([]);
    expect(legacyContactList(null)).toBeNull();
  });

  // Property: whatever order the versions of the tickets arrive in (each ticket's, and one
  // batch or many), the list ends the same and the facts counted are those of the final
  // membership, each exactly once.
  it('ends in the same list and the same facts in any order of arrival (property)', () => {
    const change = fc.record({
      ticketId: fc.constantFrom('A', 'B', 'C', 'D'),
      version: fc.integer({ min: 1, max: 6 }),
      at: fc.option(fc.integer({ min: NOW - 12 * DAY, max: NOW }), { nil: null }),
      team: fc.constantFrom('emea', 'us'),
    });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.integer(), (raw, seed) => {
        // One change per ticket and version: a version says one thing.
        const seen = new Set<string>();
        const changes: ContactChange[] = raw
          .filter(
            (c) => !seen.has(`${c.ticketId}${c.version}`) && seen.add(`${c.ticketId}${c.version}`),
          )
          .map((c) => ({
            ticketId: c.ticketId,
            version: c.version,
            at: c.at,
            dims: c.at === null ? [] : dims(c.team),
          }));
        const shuffled = [...changes].sort(
          (a, b) =>
            ((a.version * 31 + a.ticketId.charCodeAt(0) + seed) % 7) -
            ((b.version * 31 + b.ticketId.charCodeAt(0) + seed) % 7),
        );
        const inOrder = changes.reduce(
          (acc, c) => {
            const r = join(acc.text, c);
            return { text: r.value, facts: tally(r.facts, acc.facts) };
          },
          { text: null as string | null, facts: new Map<string, number>() },
        );
        const other = shuffled.reduce(
          (acc, c) => {
            const r = join(acc.text, c);
            return { text: r.value, facts: tally(r.facts, acc.facts) };
          },
          { text: null as string | null, facts: new Map<string, number>() },
        );
        const latest = new Map<string, ContactChange>();
        for (const c of changes)
          if ((latest.get(c.ticketId)?.version ?? 0) < c.version) latest.set(c.ticketId, c);
        const expected = tally(
          join(null, ...[...latest.values()].filter((c) => c.at !== null)).facts,
        );
        expect(other.facts).toEqual(inOrder.facts);
        expect(inOrder.facts).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
