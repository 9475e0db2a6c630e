import {
  binOf,
  DIMENSIONS,
  DURATIONS,
  longestWindowMs,
  summarizeMetrics,
  trendFigures,
  trendStepMinutes,
  type Dimension,
  type MetricsSettings,
  type MetricValues,
  type TrendFigures,
  type DeclarableDimension,
  type MetricUpdate,
  multisetDifference,
  REPEAT_WITHIN,
} from '@slawatch/core';
import { admitDimensionValues } from './admit-dimension-values.js';
import { rangeKeys, sumBucketGroups, windowMinutes } from './bucket-ranges.js';
import { laneTags, type Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import { applyContactChanges, legacyContactList, type ContactChange } from './contact-list.js';
import {
  formatContribution,
  MAX_FORMERS,
  parseContribution,
  type Contribution,
  type StoredContact,
  type StoredFact,
} from './metric-contribution.js';
import { MetricIncrements } from './metric-increments.js';
import { seriesIncrements, SlaSeries } from './sla-series.js';
import { callVariadic, defineScripts, type SlawatchCommands } from '../scripts.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Buckets outlive the longest window by this much, so no query ever finds one gone. */
const MARGIN = HOUR;
const MAX_ATTEMPTS = 20;

/** A ticket's metrics as of its record version `version` (after the record was saved). */
export type { MetricUpdate };

/** A window cut into slices, each with its windowed figures by dimension value. */
export interface MetricsTrend {
  readonly at: string;
  readonly window: string;
  readonly dimension: Dimension;
  readonly stepMinutes: number;
  readonly slices: readonly {
    readonly from: string;
    readonly to: string;
    readonly values: Record<string, TrendFigures>;
  }[];
}

/** Every metric for one window and dimension, by dimension value. */
export interface MetricsReport {
  readonly at: string;
  readonly window: string;
  readonly dimension: Dimension;
  readonly values: Record<string, MetricValues>;
}

const isDuration = (code: string): boolean => code in DURATIONS;

/**
 * The rolling windows of docs/metrics.md in Redis. Each ticket's contribution (its facts and
 * gauges, from the pure core) is kept with the record version it reflects; applying a new
 * version adds the difference to per-minute and per-hour buckets of every dimension, in
 * one script per batch that first checks no contribution changed since it was read. So a
 * redelivered batch changes nothing (its version is already applied), and facts moved by
 * a late event or a reopen are moved in the buckets. Buckets expire on their own after the
 * longest window.
 */
export class MetricWindows {
  private readonly redis: RedisClient & SlawatchCommands;
  private readonly longest: number;
  private readonly laneByTag: Map<string, number>;
  /** The Prometheus SLA series, which the same script keeps (sla-series.ts). */
  readonly series: SlaSeries;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
    private readonly settings: MetricsSettings,
  ) {
    this.redis = defineScripts(redis);
    this.longest = longestWindowMs(settings);
    this.laneByTag = new Map(laneTags(keys.prefix, keys.lanes).map((tag, lane) => [tag, lane]));
    this.series = new SlaSeries(redis, keys);
  }

  /**
   * Applies a batch in two steps: the tickets' contributions, each lane in one script
   * (compare-and-set of the contributions read and the buckets of their differences),
   * then the requesters' contact lists with the repeat-contact facts they decide, each
   * lane in one script again. The lists come second and are version-guarded: a batch
   * redelivered after a crash between the steps finds its contributions applied and still
   * brings the lists to the same versions.
   */
  async apply(updates: readonly MetricUpdate[], now: number): Promise<void> {
    // The lists the updates join are read alongside the contributions (their keys are
    // known up front): the lists' step then mostly starts with its writes.
    const joined = [
      ...new Set(
        updates.flatMap((u) => {
          const c = u.metrics.contact;
          return c ? [this.keys.contacts(c.requester, c.category)] : [];
        }),
      ),
    ];
    const [listed, texts] = await Promise.all([
      this.retry(updates, (pending) => this.applyContributions(pending, now)),
      this.get(joined),
    ]);
    const changes = this.contactChanges(listed);
    if (changes.size === 0) return;
    let prefetched: Map<string, string | null> | null = new Map(
      joined.map((key, i) => [key, texts[i] ?? null]),
    );
    await this.retry<ContactWork, never>([...changes], (pending) => {
      const known = prefetched;
      prefetched = null; // a second round reads again: something changed meanwhile
      return this.applyContacts(pending, now, known);
    });
  }

  /**
   * Runs `step` on what is pending until nothing is; `step` returns what it is done with
   * (with what it yields for it) and leaves in `pending` what must be read again.
   */
  private async retry<T, R>(
    items: readonly T[],
    step: (pending: readonly T[]) => Promise<{ done: R[]; again: T[] }>,
  ): Promise<R[]> {
    const done: R[] = [];
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`metric keys kept changing (${pending.length})`);
      const round = await step(pending);
      done.push(...round.done);
      pending = round.again;
    }
    return done;
  }

  /**
   * One read-compute-write round of the contributions. Done: each update applied now or
   * before at its version, with the contact lists it must be in and leave. Again: the
   * updates of lanes whose contributions changed since they were read.
   */
  private async applyContributions(
    updates: readonly MetricUpdate[],
    now: number,
  ): Promise<{ done: Listed[]; again: MetricUpdate[] }> {
    const texts = await this.get(updates.map((u) => this.keys.contribution(u.ticketId)));
    const lanes = new Map<number, LaneWrite<MetricUpdate>>();
    const done: Listed[] = [];
    updates.forEach((update, i) => {
      const read = texts[i] ?? null;
      const old = parseContribution(read);
      if (read !== null && old.version >= update.version) {
        // Applied by an earlier round, or by this batch before a crash: its lists may not
        // be. A newer version is another batch's to list.
        if (old.version === update.version) done.push([update, old.contact, old.formers]);
        return;
      }
      if (read === null && update.metrics.dims.length === 0 && !update.seriesDims) return;
      const lane = this.keys.laneOf(update.ticketId);
      let write = lanes.get(lane);
      if (!write) lanes.set(lane, (write = laneWrite(this.keys)));
      const next = this.encode(update, old, now);
      this.diff(write.increments, lane, old, next, now);
      seriesIncrements(write.increments, this.keys.laneSeries(lane), old, next, update.seriesDims);
      // A ticket that left every metric is forgotten, unless it must still leave contact
      // lists: a redelivery after a crash before the lists' step finds them here.
      const empty = next.dims.length === 0 && update.ttlMs === 0;
      const value = empty && next.formers.length === 0 ? '' : formatContribution(next);
      const ttlMs = empty ? REPEAT_WITHIN + this.longest + MARGIN : update.ttlMs;
      const key = this.keys.contribution(update.ticketId);
      write.strings.push({ key, read, value, ttlMs });
      write.items.push(update);
      done.push([update, next.contact, next.formers]);
    });
    const again = await this.writeLanes(lanes);
    const retried = new Set(again);
    return { done: done.filter(([u]) => !retried.has(u)), again };
  }

  /** The changes each contact list gets from the applied updates, by list key. */
  private contactChanges(listed: readonly Listed[]): Map<string, ContactChange[]> {
    const byKey = new Map<string, ContactChange[]>();
    const add = (c: StoredContact, change: ContactChange) => {
      const key = this.keys.contacts(c[0], c[1]);
      const list = byKey.get(key);
      if (list) list.push(change);
      else byKey.set(key, [change]);
    };
    for (const [update, contact, formers] of listed) {
      const { ticketId, version } = update;
      const dims = update.metrics.dims;
      if (contact) add(contact, { ticketId, version, at: contact[2], dims });
      for (const former of formers)
        if (!contact || former[0] !== contact[0] || former[1] !== contact[1])
          add(former, { ticketId, version, at: null, dims });
    }
    return byKey;
  }

  /**
   * One read-compute-write round of contact lists (contact-list.ts), each lane in one
   * script. Protected so that a test can crash a batch between its two steps.
   */
  protected async applyContacts(
    pending: readonly ContactWork[],
    now: number,
    known: ReadonlyMap<string, string | null> | null = null,
  ): Promise<{ done: never[]; again: ContactWork[] }> {
    const unknown = pending.filter(([key]) => !known?.has(key)).map(([key]) => key);
    const read = new Map(known);
    (await this.get(unknown)).forEach((text, i) => read.set(unknown[i]!, text));
    const texts = pending.map(([key]) => read.get(key) ?? null);
    // With one lane, a list not written since lanes came starts from the list stored
    // before (same requester and category, `:r:` for `:q:`): nobody writes those any more.
    const legacyKeys =
      this.keys.lanes === 1
        ? pending.flatMap(([key], i) => (texts[i] === null ? [key.replace('}:q:', '}:r:')] : []))
        : [];
    const legacy = new Map<string, string | null>();
    (await this.get(legacyKeys)).forEach((text, i) =>
      legacy.set(legacyKeys[i]!.replace('}:r:', '}:q:'), legacyContactList(text)),
    );
    const cutoff = this.cutoffMinute(now);
    const oldest = now - REPEAT_WITHIN - this.longest - MARGIN;
    const lanes = new Map<number, LaneWrite<ContactWork>>();
    pending.forEach((item, i) => {
      const [key, changes] = item;
      const read = texts[i] ?? null;
      const base = read ?? legacy.get(key) ?? null;
      const { value, facts } = applyContactChanges(base, changes, cutoff, oldest, now);
      if (value === (read ?? '')) return;
      const lane = this.laneOfKey(key);
      let write = lanes.get(lane);
      if (!write) lanes.set(lane, (write = laneWrite(this.keys)));
      for (const f of facts) this.expand(write.increments, lane, f.dims, ['rc', f.minute], f.sign);
      write.strings.push({ key, read, value, ttlMs: REPEAT_WITHIN + this.longest + MARGIN });
      write.items.push(item);
    });
    return { done: [], again: await this.writeLanes(lanes) };
  }

  /** The lane of a key, from its hash tag (the lanes' tags are known). */
  private laneOfKey(key: string): number {
    const tag = key.slice(1, key.indexOf('}'));
    return this.laneByTag.get(tag)!;
  }

  /** Every metric over the window of `windowMs` ending now, for each value of `dimension`. */
  async query(
    options: { windowMs: number; dimension: Dimension; values?: readonly string[] },
    now: number,
  ): Promise<MetricsReport> {
    const d = DIMENSIONS.indexOf(options.dimension);
    const [first, last] = windowMinutes(options.windowMs, now);
    const [sums] = await sumBucketGroups(
      this.redis,
      [rangeKeys(this.keys, first, last, d)],
      options.values,
    );
    const values: Record<string, MetricValues> = {};
    for (const [value, fields] of sums!) values[value] = summarizeMetrics(fields, this.settings);
    return {
      at: new Date(now).toISOString(),
      window: this.windowName(options.windowMs),
      dimension: options.dimension,
      values,
    };
  }

  /** The values of undeclared dimensions kept under `cap` (admit-dimension-values.ts). */
  admitValues(
    cap: number,
    asked: ReadonlyMap<DeclarableDimension, ReadonlySet<string>>,
  ): Promise<Map<DeclarableDimension, Set<string>>> {
    return admitDimensionValues(this.redis, this.keys, cap, asked);
  }

  /**
   * The values of `dimension` with anything counted in the window of `windowMs` ending now
   * or open now, sorted: what a wallboard may offer to choose from, without summarizing
   * them.
   */

  async valuesSeen(windowMs: number, dimension: Dimension, now: number): Promise<string[]> {
    const d = DIMENSIONS.indexOf(dimension);
    const [first, last] = windowMinutes(windowMs, now);
    const [sums] = await sumBucketGroups(
      this.redis,
      [rangeKeys(this.keys, first, last, d)],
      undefined,
    );
    return [...sums!.keys()];
  }

  /**
   * The window of `windowMs` ending now cut into slices of whole steps (trendStepMinutes,
   * aligned to the step, the first one clipped to the window's start, the last one the
   * current), oldest first, with the windowed figures of each over that slice alone.
   */
  async trend(
    options: { windowMs: number; dimension: Dimension; values?: readonly string[] },
    now: number,
  ): Promise<MetricsTrend> {
    const d = DIMENSIONS.indexOf(options.dimension);
    const [first, last] = windowMinutes(options.windowMs, now);
    const step = trendStepMinutes(last - first + 1);
    const ranges: [number, number][] = [];
    for (let start = Math.floor(first / step) * step; start <= last; start += step)
      ranges.push([Math.max(start, first), Math.min(start + step - 1, last)]);
    const sums = await sumBucketGroups(
      this.redis,
      ranges.map(([from, to]) => rangeKeys(this.keys, from, to, d, false)),
      options.values,
    );
    return {
      at: new Date(now).toISOString(),
      window: this.windowName(options.windowMs),
      dimension: options.dimension,
      stepMinutes: step,
      slices: ranges.map(([from, to], i) => ({
        from: new Date(from * MINUTE).toISOString(),
        to: new Date((to + 1) * MINUTE).toISOString(),
        values: Object.fromEntries(
          [...sums[i]!].map(([value, fields]) => [
            value,
            trendFigures(summarizeMetrics(fields, this.settings)),
          ]),
        ),
      })),
    };
  }

  /** Each ticket's dimension values as its contribution holds them (none when unknown). */
  async dimensionsOf(ticketIds: readonly string[]): Promise<Map<string, readonly string[]>> {
    const unique = [...new Set(ticketIds)];
    const texts = await this.get(unique.map((id) => this.keys.contribution(id)));
    const out = new Map<string, readonly string[]>();
    unique.forEach((id, i) => {
      const dims = parseContribution(texts[i] ?? null).dims;
      if (dims.length > 0) out.set(id, dims);
    });
    return out;
  }

  private windowName(ms: number): string {
    return this.settings.windows.find((w) => w.ms === ms)?.name ?? `${ms / MINUTE}m`;
  }

  /**
   * One GET per key, sent together: on a cluster the client groups them by node (a
   * pipeline must not span nodes), on one Redis they go out back to back.
   */
  private get(keys: readonly string[]): Promise<(string | null)[]> {
    return Promise.all(keys.map((key) => this.redis.get(key)));
  }

  private encode(u: MetricUpdate, old: Contribution, now: number): Contribution {
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
  private cutoffMinute(now: number): number {
    return Math.floor((now - this.longest - MARGIN / 2) / MINUTE);
  }

  private diff(
    into: MetricIncrements,
    lane: number,
    old: Contribution,
    next: Contribution,
    now: number,
  ) {
    const cutoff = this.cutoffMinute(now);
    const oldFacts = old.facts.filter((f) => f[1] >= cutoff);
    const sameDims =
      old.dims.length === next.dims.length && old.dims.every((v, i) => v === next.dims[i]);
    const key = (f: StoredFact) => f.join(',');
    const removed = sameDims ? multisetDifference(oldFacts, next.facts, key) : oldFacts;
    const added = sameDims ? multisetDifference(next.facts, oldFacts, key) : next.facts;
    const id = (g: string) => g;
    const gaugesGone = sameDims ? multisetDifference(old.gauges, next.gauges, id) : old.gauges;
    const gaugesNew = sameDims ? multisetDifference(next.gauges, old.gauges, id) : next.gauges;
    for (const f of removed) this.expand(into, lane, old.dims, f, -1);
    for (const f of added) this.expand(into, lane, next.dims, f, 1);
    for (const g of gaugesGone)
      old.dims.forEach((v, d) => into.add(this.keys.gauges(lane, d), 0, `${v}|${g}`, -1));
    for (const g of gaugesNew)
      next.dims.forEach((v, d) => into.add(this.keys.gauges(lane, d), 0, `${v}|${g}`, 1));
  }

  private expand(
    into: MetricIncrements,
    lane: number,
    dims: readonly string[],
    f: StoredFact,
    sign: 1 | -1,
  ) {
    const [code, minute, value] = f;
    const hour = Math.floor(minute / 60);
    const fields: [string, number][] =
      value === undefined
        ? [[`${code}.n`, sign]]
        : isDuration(code)
          ? [
              [`${code}.s`, sign * value],
              [`${code}.b${binOf(value)}`, sign],
            ]
          : [
              [`${code}.n`, sign],
              [`${code}.s`, sign * value],
            ];
    const minuteExpiry = (minute + 1) * MINUTE + this.longest + MARGIN;
    const hourExpiry = (hour + 1) * HOUR + this.longest + MARGIN;
    dims.forEach((v, d) => {
      const m = into.bucket(lane, 'm', minute, d);
      const h = into.bucket(lane, 'h', hour, d);
      for (const [field, delta] of fields) {
        const name = `${v}|${field}`;
        into.add(m, minuteExpiry, name, delta);
        into.add(h, hourExpiry, name, delta);
      }
    });
  }

  /**
   * Writes each lane's strings and increments in one script call, the lanes in parallel;
   * returns the items of the lanes where a string changed since it was read (nothing of
   * those lanes was written).
   */
  private async writeLanes<T>(lanes: ReadonlyMap<number, LaneWrite<T>>): Promise<T[]> {
    const results = await Promise.all(
      [...lanes.values()].map(async (w) => ((await this.write(w)) ? [] : w.items)),
    );
    return results.flat();
  }

  private async write({ strings, increments }: LaneWrite<unknown>): Promise<boolean> {
    const hashes = [...increments.hashes].filter(([, hash]) => hash.fields.size > 0);
    if (strings.length === 0 && hashes.length === 0) return true;
    // Keys first, then arguments, in one array: ioredis flattens it (a spread of this many
    // arguments would overflow the stack).
    const all: (string | number)[] = strings.map((w) => w.key);
    for (const [key] of hashes) all.push(key);
    all.push(strings.length);
    for (const w of strings) all.push(w.read ?? '', w.value, w.ttlMs);
    for (const [, hash] of hashes) {
      let json = '';
      for (const [field, delta] of hash.fields)
        json += `${json === '' ? '{' : ','}${JSON.stringify(field)}:${delta}`;
      all.push(hash.expireAt, `${json}}`);
    }
    const conflicts = await callVariadic(
      this.redis,
      'applyMetricsV1',
      strings.length + hashes.length,
      all,
    );
    return conflicts.length === 0;
  }
}

/** A contact list's key and the changes it gets. */
export type ContactWork = readonly [key: string, changes: readonly ContactChange[]];

/** An applied update, with the contact list it must be in and those it must leave. */
type Listed = readonly [MetricUpdate, StoredContact | null, readonly StoredContact[]];

/** One lane's part of a round: strings to compare-and-set, increments, and what they are for. */
interface LaneWrite<T> {
  readonly strings: { key: string; read: string | null; value: string; ttlMs: number }[];
  readonly increments: MetricIncrements;
  readonly items: T[];
}

const laneWrite = <T>(keys: Keys): LaneWrite<T> => ({
  strings: [],
  increments: new MetricIncrements(keys),
  items: [],
});

/** The lists a ticket has been in besides `contact`, newest last (Contribution.formers). */
function formersOf(old: Contribution, contact: StoredContact | null): StoredContact[] {
  const same = (a: StoredContact, b: StoredContact | null) =>
    b !== null && a[0] === b[0] && a[1] === b[1];
  const formers = old.formers.filter((f) => !same(f, contact));
  if (old.contact && !same(old.contact, contact) && !formers.some((f) => same(f, old.contact)))
    formers.push(old.contact);
  return formers.slice(-MAX_FORMERS);
}
