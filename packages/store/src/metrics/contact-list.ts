import { ALL, repeatContacts } from '@slawatch/core';

const MINUTE = 60_000;

/** Most tickets kept in one requester's list of one category (the newest). */
export const MAX_ENTRIES = 1_000;

/**
 * One ticket in a requester's list for one category: its creation instant, the record
 * version that last set the entry, the dimension values its repeat-contact fact counts
 * under (without `all`; null once the ticket left the list: a tombstone), and whether
 * that fact is counted in the buckets now (1) or not (0).
 */
type ContactEntry = [
  ticketId: string,
  at: number,
  version: number,
  dims: string[] | null,
  counted: 0 | 1,
];

/** What one ticket version says about one list: it is in it (created `at`) or not (null). */
export interface ContactChange {
  readonly ticketId: string;
  readonly version: number;
  readonly at: number | null;
  /** The ticket's dimension values, `all` first (MetricUpdate's `metrics.dims`). */
  readonly dims: readonly string[];
}

/** A repeat-contact fact to add (+1) or take away (-1) under `dims` (`all` first). */
export interface ContactFactChange {
  readonly dims: readonly string[];
  readonly minute: number;
  readonly sign: 1 | -1;
}

/**
 * Applies ticket versions to one list, as stored (`text`, null for none), and says what
 * that does to the repeat-contact facts of every ticket in it. The facts of a list are
 * counted in the list's own lane (keys.ts), not in each ticket's, so that a ticket arriving
 * or leaving changes its neighbours' facts in the same slot and the same script as the
 * list: exact on a Redis Cluster without any cross-slot write.
 *
 * Each entry keeps the version that set it, and a ticket that leaves keeps a tombstone:
 * an older version (a batch redelivered, or a tracker that lost its partition) never
 * undoes a newer one, whatever order they arrive in. Entries created before `oldest` are
 * dropped; facts of a minute before `cutoffMinute` are neither added nor taken away (their
 * buckets may be gone, and no window reads them), as in MetricWindows.
 */
export function applyContactChanges(
  text: string | null,
  changes: readonly ContactChange[],
  cutoffMinute: number,
  oldest: number,
  now: number,
): { value: string; facts: ContactFactChange[] } {
  const stored = text === null || text === '' ? [] : (JSON.parse(text) as ContactEntry[]);
  const before = new Map<string, ContactEntry>();
  for (const entry of stored) if (entry[1] >= oldest) before.set(entry[0], entry);
  const after = new Map(before);
  let changed = before.size !== stored.length;
  for (const c of changes) {
    const had = after.get(c.ticketId);
    if (had && had[2] >= c.version) continue;
    changed = true;
    if (c.at === null) after.set(c.ticketId, [c.ticketId, had?.[1] ?? now, c.version, null, 0]);
    else after.set(c.ticketId, [c.ticketId, c.at, c.version, c.dims.slice(1), 0]);
  }
  if (!changed) return { value: text ?? '', facts: [] };

  const members = new Map<string, number>();
  for (const [id, at, , dims] of after.values()) if (dims !== null) members.set(id, at);
  const repeat = new Map<string, boolean>();
  repeatContacts(members, repeat);
  const facts: ContactFactChange[] = [];
  const entries: ContactEntry[] = [];
  for (const [id, entry] of after) {
    const old = before.get(id);
    const [, at, version, dims] = entry;
    // Version 0: a ticket listed before lanes (legacyContactList), whose own fact its
    // contribution still holds: a member for its neighbours, with no fact of its own here
    // until its next version replaces the entry (and its contribution drops the fact).
    if (version === 0) {
      entries.push(entry);
      continue;
    }
    const counted: 0 | 1 = dims !== null && repeat.get(id) === true ? 1 : 0;
    const minute = Math.floor(at / MINUTE);
    // A fact of a minute out of every window is neither taken away nor added.
    const gone = old?.[4] === 1 && Math.floor(old[1] / MINUTE) >= cutoffMinute ? old : null;
    const added = counted === 1 && minute >= cutoffMinute;
    const same =
      gone !== null &&
      added &&
      Math.floor(gone[1] / MINUTE) === minute &&
      sameValues(gone[3], dims);
    if (!same) {
      if (gone)
        facts.push({ dims: [ALL, ...gone[3]!], minute: Math.floor(gone[1] / MINUTE), sign: -1 });
      if (added) facts.push({ dims: [ALL, ...dims!], minute, sign: 1 });
    }
    entries.push([id, at, version, dims, counted]);
  }
  // Bounded, so that one requester (a shared mailbox, a flood of tickets) cannot make
  // every batch rewrite a list without end: the newest are kept. A dropped entry's fact
  // stays counted; with this many tickets in two weeks the newest are repeats anyway.
  if (entries.length > MAX_ENTRIES) {
    entries.sort((a, b) => b[1] - a[1]);
    entries.length = MAX_ENTRIES;
  }
  return { value: entries.length === 0 ? '' : JSON.stringify(entries), facts };
}

function sameValues(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A list as stored before metric lanes (`{<prefix>:m}:r:[requester, category]`, JSON
 * `[[ticket id, created]]`), as entries of version 0 (see above), so that an upgraded
 * installation keeps its requesters' earlier tickets; null for none.
 */
export function legacyContactList(text: string | null): string | null {
  if (text === null || text === '') return null;
  const entries = (JSON.parse(text) as [string, number][]).map(([id, at]): ContactEntry => [
    id,
    at,
    0,
    [],
    0,
  ]);
  return JSON.stringify(entries);
}
