import { ALL } from '@slawatch/core';

/** A fact as stored in a contribution: code, minute of its instant, value if measured. */
export type StoredFact = [code: string, minute: number, value?: number];
/** Requester, category, creation instant (see TicketMetrics.contact). */
export type StoredContact = [requester: string, category: string, at: number];

/**
 * What one ticket has added to the metric windows, as of a record version (keys.ts,
 * `contribution`; stored as `formatContribution` writes it).
 */
export interface Contribution {
  readonly version: number;
  readonly dims: readonly string[];
  readonly facts: readonly StoredFact[];
  readonly gauges: readonly string[];
  readonly contact: StoredContact | null;
  /** The ticket's lifetime counts for the Prometheus counters (core ticket-counts.ts). */
  readonly counts: Readonly<Record<string, number>>;
  /**
   * Contact lists the ticket was in before `contact`'s (newest last, at most
   * MAX_FORMERS): it must leave them, and a batch redelivered after a crash between the
   * contribution's write and the lists' must still find them (metric-windows.ts).
   */
  readonly formers: readonly StoredContact[];
}

/** Former contact lists kept per ticket: only a change of category or requester adds one. */
const MAX_FORMERS = 8;

const EMPTY: Contribution = {
  version: 0,
  dims: [],
  facts: [],
  gauges: [],
  contact: null,
  counts: {},
  formers: [],
};

/**
 * Stored as `<version>|<JSON [dims, facts, gauges, contact, counts, formers?]>`, kept short
 * because every ticket has one for as long as its record (docs/metrics.md, "Prometheus
 * series"; 700,000 of them in `bench:metrics`): the `all` dimension's constant value is
 * left out, the facts and the counts are one short string each (formatFacts,
 * formatCounts). Read also: facts as a JSON array of `[code, minute, value?]` with minutes
 * after the first relative to it (before issue 18), and the four-element form written
 * before the counts existed (every dimension, absolute minutes).
 */
export function parseContribution(text: string | null): Contribution {
  if (text === null) return EMPTY;
  const bar = text.indexOf('|');
  const stored = JSON.parse(text.slice(bar + 1)) as [
    string[],
    StoredFact[] | string,
    string[],
    StoredContact | null,
    string?,
    StoredContact[]?,
  ];
  const [dims, facts, gauges, contact, counts, formers = []] = stored;
  const compact = counts !== undefined;
  return {
    version: Number(text.slice(0, bar)),
    dims: compact && dims.length > 0 ? [ALL, ...dims] : dims,
    facts: typeof facts === 'string' ? parseFacts(facts) : compact ? relativeFacts(facts) : facts,
    gauges,
    contact,
    counts: parseCounts(counts ?? ''),
    formers,
  };
}

export function formatContribution(c: Contribution): string {
  const stored: unknown[] = [
    c.dims.slice(1),
    formatFacts(c.facts),
    c.gauges,
    c.contact,
    formatCounts(c.counts),
  ];
  if (c.formers.length > 0) stored.push(c.formers);
  return `${c.version}|${JSON.stringify(stored)}`;
}

/**
 * Facts as one string of tokens `<code><minute>:<value>` separated by spaces, the first
 * minute absolute, the others relative to it, and left out when the same as the fact
 * before's (a solve and the facts it decides share one): `c29938817 rp70 fr70:4184776
 * so210 sv rs:12579702`. About half the length of the JSON array of facts, which was two
 * thirds of a contribution.
 */
function formatFacts(facts: readonly StoredFact[]): string {
  const first = facts[0]?.[1] ?? 0;
  let text = '';
  let previous: number | null = null;
  for (const [code, minute, value] of facts) {
    if (!/^[a-z]+$/.test(code)) throw new Error(`metric fact code "${code}" is not a-z`);
    text += `${previous === null ? '' : ' '}${code}`;
    if (minute !== previous) text += previous === null ? minute : minute - first;
    if (value !== undefined) text += `:${value}`;
    previous = minute;
  }
  return text;
}

const FACT = /^([a-z]+)(-?\d+)?(?::(\S+))?$/;

function parseFacts(text: string): StoredFact[] {
  if (text === '') return [];
  let first = 0;
  let minute = 0;
  return text.split(' ').map((token, i): StoredFact => {
    const [, code, at, value] = FACT.exec(token) ?? [];
    if (code === undefined) throw new Error(`unreadable metric fact "${token}"`);
    if (at !== undefined) minute = i === 0 ? (first = Number(at)) : first + Number(at);
    return value === undefined ? [code, minute] : [code, minute, Number(value)];
  });
}

/** Facts as a JSON array with minutes after the first relative to it, made absolute. */
function relativeFacts(facts: readonly StoredFact[]): StoredFact[] {
  const first = facts[0]?.[1] ?? 0;
  return facts.map((f, i): StoredFact => {
    const minute = i === 0 ? f[1] : first + f[1];
    return f.length === 3 ? [f[0], minute, f[2]] : [f[0], minute];
  });
}

/**
 * Counts as one short string, `e0,e3:2,xfb` (a count of 1 unwritten): every open ticket
 * has one, and a JSON object of them would cost some 20 bytes more per ticket.
 */
function formatCounts(counts: Readonly<Record<string, number>>): string {
  let text = '';
  for (const code in counts) {
    const n = counts[code]!;
    if (n === 0) continue;
    text += `${text === '' ? '' : ','}${code}${n === 1 ? '' : `:${n}`}`;
  }
  return text;
}

function parseCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  if (text === '') return counts;
  for (const entry of text.split(',')) {
    const colon = entry.indexOf(':');
    if (colon === -1) counts[entry] = 1;
    else counts[entry.slice(0, colon)] = Number(entry.slice(colon + 1));
  }
  return counts;
}

/** The lists a ticket has been in besides `contact`, newest last (Contribution.formers). */
export function formersOf(old: Contribution, contact: StoredContact | null): StoredContact[] {
  const same = (a: StoredContact, b: StoredContact | null) =>
    b !== null && a[0] === b[0] && a[1] === b[1];
  const formers = old.formers.filter((f) => !same(f, contact));
  if (old.contact && !same(old.contact, contact) && !formers.some((f) => same(f, old.contact)))
    formers.push(old.contact);
  return formers.slice(-MAX_FORMERS);
}
