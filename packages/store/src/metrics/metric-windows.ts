import type { Redis } from 'ioredis';
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
  repeatContacts,
} from '@slawatch/core';
import { admitDimensionValues } from './admit-dimension-values.js';
import { rangeKeys, sumBucketGroups, windowMinutes } from './bucket-ranges.js';
import type { Keys } from '../keys.js';
import {
  formatContribution,
  parseContribution,
  type Contribution,
  type StoredContact,
  type StoredFact,
} from './metric-contribution.js';
import { MetricIncrements } from './metric-increments.js';
import { seriesIncrements, SlaSeries } from './sla-series.js';
import { defineScripts, type SlawatchCommands } from '../scripts.js';

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
  private readonly redis: Redis & SlawatchCommands;
  private readonly longest: number;
  /** The Prometheus SLA series, which the same script keeps (sla-series.ts). */
  readonly series: SlaSeries;

  constructor(
    redis: Redis,
    private readonly keys: Keys,
    private readonly settings: MetricsSettings,
  ) {
    this.redis = defineScripts(redis);
    this.longest = longestWindowMs(settings);
    this.series = new SlaSeries(redis, keys);
  }

  async apply(updates: readonly MetricUpdate[], now: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (attempt > MAX_ATTEMPTS)
        throw new Error(`metric contributions kept changing: ${updates[0]?.ticketId}`);
      if (await this.tryApply(updates, now)) return;
    }
  }

  /** One read-compute-write round; false when a string it read changed meanwhile. */
  private async tryApply(updates: readonly MetricUpdate[], now: number): Promise<boolean> {
    // The requesters' contact lists are read with the contributions (one round trip); a
    // list a ticket has left (its category changed) is read after, when there is one.
    const contactKey = (c: StoredContact) => this.keys.contacts(c[0], c[1]);
    const newListKeys = [
      ...new Set(
        updates.flatMap((u) => {
          const c = u.metrics.contact;
          return c ? [this.keys.contacts(c.requester, c.category)] : [];
        }),
      ),
    ];
    const firstRead = await this.get([
      ...updates.map((u) => this.keys.contribution(u.ticketId)),
      ...newListKeys,
    ]);
    const texts = firstRead.slice(0, updates.length);
    const listText = new Map(newListKeys.map((k, i) => [k, firstRead[updates.length + i] ?? null]));
    const todo = updates.flatMap((update, i) => {
      const read = texts[i] ?? null;
      const old = parseContribution(read);
      // Already applied (a redelivery), or nothing to say about a ticket never seen.
      if (read !== null && old.version >= update.version) return [];
      if (read === null && update.metrics.dims.length === 0 && !update.seriesDims) return [];
      return [{ update, read, old }];
    });
    if (todo.length === 0) return true;

    // Requester contact lists, before and after this batch, decide the repeat contacts.
    const leftKeys = [
      ...new Set(todo.flatMap(({ old }) => (old.contact ? [contactKey(old.contact)] : []))),
    ].filter((k) => !listText.has(k));
    (await this.get(leftKeys)).forEach((text, i) => listText.set(leftKeys[i]!, text));
    const listKeys = [...listText.keys()];
    const listTexts = listKeys.map((k) => listText.get(k) ?? null);
    const oldest = now - REPEAT_WITHIN - this.longest - MARGIN;
    const lists = new Map(
      listKeys.map((key, i) => {
        const entries = JSON.parse(listTexts[i] ?? '[]') as [string, number][];
        return [key, new Map(entries.filter(([, at]) => at >= oldest))];
      }),
    );
    const before = new Map<string, boolean>();
    for (const list of lists.values()) repeatContacts(list, before);
    for (const { update, old } of todo) {
      if (old.contact) lists.get(contactKey(old.contact))!.delete(update.ticketId);
      const c = update.metrics.contact;
      if (c) lists.get(this.keys.contacts(c.requester, c.category))!.set(update.ticketId, c.at);
    }
    const after = new Map<string, boolean>();
    for (const list of lists.values()) repeatContacts(list, after);
    const inBatch = new Set(todo.map((t) => t.update.ticketId));
    const others = [...new Set([...before.keys(), ...after.keys()])].filter(
      (id) => !inBatch.has(id) && (before.get(id) ?? false) !== (after.get(id) ?? false),
    );
    const otherTexts = await this.get(others.map((id) => this.keys.contribution(id)));

    const increments = new MetricIncrements(this.keys);
    const strings: { key: string; read: string | null; value: string; ttlMs: number }[] = [];
    for (const { update, read, old } of todo) {
      const next = this.encode(update, old, now, after.get(update.ticketId) ?? false);
      this.diff(increments, old, next, now);
      seriesIncrements(increments, this.keys.series, old, next, update.seriesDims);
      const value = next.dims.length === 0 && update.ttlMs === 0 ? '' : formatContribution(next);
      const key = this.keys.contribution(update.ticketId);
      strings.push({ key, read, value, ttlMs: update.ttlMs });
    }
    others.forEach((id, i) => {
      const read = otherTexts[i] ?? null;
      if (read === null) return; // expired with its ticket: nothing left to correct
      const old = parseContribution(read);
      const next = { ...old, facts: this.withRepeat(old, after.get(id) ?? false, now) };
      this.diff(increments, old, next, now);
      // Its TTL is kept: only a finished ticket's contribution has one.
      strings.push({
        key: this.keys.contribution(id),
        read,
        value: formatContribution(next),
        ttlMs: -1,
      });
    });
    listKeys.forEach((key, i) => {
      const entries = [...lists.get(key)!];
      const value = entries.length === 0 ? '' : JSON.stringify(entries);
      if (value === (listTexts[i] ?? '')) return;
      strings.push({
        key,
        read: listTexts[i] ?? null,
        value,
        ttlMs: REPEAT_WITHIN + this.longest + MARGIN,
      });
    });
    return this.write(strings, increments);
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

  private async get(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.get(key);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, text]) => {
      if (error) throw error;
      return text as string | null;
    });
  }

  private encode(u: MetricUpdate, old: Contribution, now: number, repeat: boolean): Contribution {
    const cutoff = this.cutoffMinute(now);
    const facts: StoredFact[] = [];
    for (const f of u.metrics.facts) {
      const minute = Math.floor(f.at / MINUTE);
      if (minute < cutoff) continue;
      facts.push('value' in f ? [f.code, minute, f.value] : [f.code, minute]);
    }
    const c = u.metrics.contact;
    const contribution: Contribution = {
      version: u.version,
      dims: u.metrics.dims,
      facts,
      gauges: u.metrics.gauges,
      contact: c ? [c.requester, c.category, c.at] : null,
      counts: u.counts ?? old.counts,
    };
    return { ...contribution, facts: this.withRepeat(contribution, repeat, now) };
  }

  /** The contribution's facts with its repeat-contact fact present or not. */
  private withRepeat(c: Contribution, repeat: boolean, now: number): StoredFact[] {
    const facts = c.facts.filter((f) => f[0] !== 'rc');
    const minute = c.contact ? Math.floor(c.contact[2] / MINUTE) : null;
    if (repeat && minute !== null && minute >= this.cutoffMinute(now)) facts.push(['rc', minute]);
    return facts;
  }

  // Facts older than every window (by half the margin) are neither added nor taken away:
  // their buckets may be gone, and no window reads them any more.
  private cutoffMinute(now: number): number {
    return Math.floor((now - this.longest - MARGIN / 2) / MINUTE);
  }

  private diff(into: MetricIncrements, old: Contribution, next: Contribution, now: number) {
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
    for (const f of removed) this.expand(into, old.dims, f, -1);
    for (const f of added) this.expand(into, next.dims, f, 1);
    for (const g of gaugesGone)
      old.dims.forEach((v, d) => into.add(this.keys.gauges(d), 0, `${v}|${g}`, -1));
    for (const g of gaugesNew)
      next.dims.forEach((v, d) => into.add(this.keys.gauges(d), 0, `${v}|${g}`, 1));
  }

  private expand(into: MetricIncrements, dims: readonly string[], f: StoredFact, sign: 1 | -1) {
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
      const m = into.bucket('m', minute, d);
      const h = into.bucket('h', hour, d);
      for (const [field, delta] of fields) {
        const name = `${v}|${field}`;
        into.add(m, minuteExpiry, name, delta);
        into.add(h, hourExpiry, name, delta);
      }
    });
  }

  private async write(
    strings: readonly { key: string; read: string | null; value: string; ttlMs: number }[],
    increments: MetricIncrements,
  ): Promise<boolean> {
    const hashes = [...increments.hashes].filter(([, hash]) => hash.fields.size > 0);
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
    const conflicts = await this.redis.applyMetricsV1(strings.length + hashes.length, all);
    return conflicts.length === 0;
  }
}
