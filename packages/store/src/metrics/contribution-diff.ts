import {
  binOf,
  BUCKET_DIMENSIONS,
  DIMENSIONS,
  DURATIONS,
  multisetChanges,
  type MetricUpdate,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import {
  formersOf,
  type Contribution,
  type StoredContact,
  type StoredFact,
} from './metric-contribution.js';
import { counterNamed, FieldNames, type CounterName, type DimensionValue } from './field-names.js';
import type { MetricIncrements } from './metric-increments.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Buckets outlive the longest window by this much, so no query ever finds one gone. */
export const MARGIN = HOUR;

const isDuration = (code: string): boolean => code in DURATIONS;

const ASSIGNEE = DIMENSIONS.indexOf('assignee');

/**
 * The dimension whose buckets `dims` does not write: `assignee` when the team and agent
 * pair is there (its buckets hold the same counts by team, and MetricWindows reads the
 * assignee dimension as their sum over teams: one dimension's memory and writes saved),
 * none for dimensions stored before the pair existed, whose facts stay in the assignee
 * buckets until they are taken away.
 */
export const skippedDimension = (dims: readonly string[]): number =>
  dims.length === BUCKET_DIMENSIONS.length ? ASSIGNEE : -1;

/** A code's counters, named once: the facts of every batch name the same few. */
const NAMES = new Map<string, { n: CounterName; s: CounterName; bins: Map<string, CounterName> }>();

function namesOf(code: string) {
  let names = NAMES.get(code);
  if (!names) {
    const [n, s] = [counterNamed(`${code}.n`), counterNamed(`${code}.s`)];
    NAMES.set(code, (names = { n, s, bins: new Map() }));
  }
  return names;
}

/**
 * The counters a fact moves, each with its change (`sign` 1 adds the fact, -1 takes it
 * away): a count `<code>.n`; a value `<code>.n` and its sum `<code>.s`; a duration its sum
 * `<code>.s` and its histogram bin `<code>.b<bin>`.
 */
function counters(
  code: string,
  value: number | undefined,
  sign: 1 | -1,
): readonly [first: CounterName, by: number, second: CounterName | null, secondBy: number] {
  const names = namesOf(code);
  if (value === undefined) return [names.n, sign, null, 0];
  if (!isDuration(code)) return [names.n, sign, names.s, sign * value];
  const bin = binOf(value);
  let binName = names.bins.get(bin);
  if (binName === undefined) names.bins.set(bin, (binName = counterNamed(`${code}.b${bin}`)));
  return [names.s, sign * value, binName, sign];
}

/**
 * A ticket's contribution to the rolling windows and what a change of it adds to one
 * lane's buckets and gauges: per-hour bucket fields for every dimension value, and
 * per-minute ones for facts of the last `minuteSpan` (bucket-ranges.ts), with their expiry
 * (`longest` is the longest window).
 */
export class ContributionDiff {
  /** The increments' field names, kept from batch to batch (field-names.ts). */
  private readonly names = new FieldNames();

  constructor(
    private readonly keys: Keys,
    private readonly longest: number,
    private readonly minuteSpan: number,
  ) {}

  encode(u: MetricUpdate, old: Contribution, now: number): Contribution {
    const cutoff = this.cutoffMinute(now);
    const facts: StoredFact[] = [];
    for (const f of u.metrics.facts) {
      const minute = Math.floor(f.at / MINUTE);
      if (minute < cutoff) continue;
      facts.push('value' in f ? [f.code, minute, f.value] : [f.code, minute]);
    }
    const c = u.metrics.contact;
    const contact: StoredContact | null = c ? [c.requester, c.category, c.at] : null;
    return {
      version: u.version,
      dims: u.metrics.dims,
      facts,
      gauges: u.metrics.gauges,
      contact,
      counts: u.counts ?? old.counts,
      formers: formersOf(old, contact),
    };
  }

  // Facts older than every window (by half the margin) are neither added nor taken away:
  // their buckets may be gone, and no window reads them any more.
  cutoffMinute(now: number): number {
    return Math.floor((now - this.longest - MARGIN / 2) / MINUTE);
  }

  // The same for per-minute buckets, which no window reads beyond the minute span.
  minuteCutoff(now: number): number {
    return Math.floor((now - this.minuteSpan - MARGIN / 2) / MINUTE);
  }

  diff(into: MetricIncrements, lane: number, old: Contribution, next: Contribution, now: number) {
    const cutoff = this.cutoffMinute(now);
    const oldFacts = old.facts.filter((f) => f[1] >= cutoff);
    const sameDims =
      old.dims.length === next.dims.length && old.dims.every((v, i) => v === next.dims[i]);
    const facts = sameDims
      ? multisetChanges(oldFacts, next.facts, (f) => f.join(','))
      : { onlyInA: oldFacts, onlyInB: next.facts };
    const gauges = sameDims
      ? multisetChanges(old.gauges, next.gauges, (g) => g)
      : { onlyInA: old.gauges, onlyInB: next.gauges };
    const [removed, added] = [facts.onlyInA, facts.onlyInB];
    const [gaugesGone, gaugesNew] = [gauges.onlyInA, gauges.onlyInB];
    // A ticket's dimension values are found once for all its facts and gauges.
    const before = this.names.values(old.dims, skippedDimension(old.dims));
    const after = sameDims ? before : this.names.values(next.dims, skippedDimension(next.dims));
    for (const f of removed) this.expandValues(into, lane, before, f, -1, now);
    for (const f of added) this.expandValues(into, lane, after, f, 1, now);
    for (const g of gaugesGone) this.gauge(into, lane, before, counterNamed(g), -1);
    for (const g of gaugesNew) this.gauge(into, lane, after, counterNamed(g), 1);
  }

  /** A gauge of a ticket with dimension values `values` moved by `sign`, in each value's hash. */
  private gauge(
    into: MetricIncrements,
    lane: number,
    values: readonly DimensionValue[],
    counter: CounterName,
    sign: 1 | -1,
  ) {
    for (const v of values) into.gauges(lane, v.dimension).add(this.names.field(v, counter), sign);
  }

  /** What one fact of a ticket with dimension values `dims` adds to the buckets (`sign`). */
  expand(
    into: MetricIncrements,
    lane: number,
    dims: readonly string[],
    f: StoredFact,
    sign: 1 | -1,
    now: number,
  ) {
    this.expandValues(into, lane, this.names.values(dims, skippedDimension(dims)), f, sign, now);
  }

  private expandValues(
    into: MetricIncrements,
    lane: number,
    values: readonly DimensionValue[],
    f: StoredFact,
    sign: 1 | -1,
    now: number,
  ) {
    const [code, minute, value] = f;
    const hour = Math.floor(minute / 60);
    // One or two counters per fact, their names for each dimension value made once
    // (field-names.ts): this runs for every fact and dimension of a batch.
    const [first, by, second, secondBy] = counters(code, value, sign);
    const m =
      minute >= this.minuteCutoff(now)
        ? into.row(lane, 'm', minute, (minute + 1) * MINUTE + this.minuteSpan + MARGIN)
        : null;
    const h = into.row(lane, 'h', hour, (hour + 1) * HOUR + this.longest + MARGIN);
    for (const v of values) {
      const byMinute = m === null ? null : into.cell(m, v);
      const byHour = into.cell(h, v);
      const name = this.names.field(v, first);
      if (byMinute !== null) byMinute.add(name, by);
      byHour.add(name, by);
      if (second === null) continue;
      const other = this.names.field(v, second);
      if (byMinute !== null) byMinute.add(other, secondBy);
      byHour.add(other, secondBy);
    }
  }
}
