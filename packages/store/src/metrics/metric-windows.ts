import {
  teamAgent,
  longestWindowMs,
  sourceHistograms,
  summarizeMetrics,
  trendFigures,
  trendStepMinutes,
  type BucketDimension,
  type Dimension,
  type MetricsSettings,
  type MetricValues,
  type AdmittedDimension,
  type MetricUpdate,
  type SourceHistograms,
  REPEAT_WITHIN,
} from '@slawatch/core';
import { AdmittedValues } from './admit-dimension-values.js';
import { ContributionDiff, MARGIN } from './contribution-diff.js';
import { globLiteral, minuteSpanMs, periodMinutes, windowMinutes } from './bucket-ranges.js';
import { getMany } from '../get-many.js';
import type { Keys } from '../keys.js';
import type { RedisClient } from '../redis-client.js';
import { applyContactChanges, legacyContactList } from './contact-list.js';
import { contactChanges, type ContactWork } from './contact-changes.js';
import { retryPending } from './retry-pending.js';
import { parseContribution } from './metric-contribution.js';
import { contributionRound, type ContributionRound } from './contribution-round.js';
import { laneWrite, writeLanes, type LaneWrite } from './lane-writes.js';
import { SlaSeries } from './sla-series.js';
import { TicketSets } from './ticket-sets.js';
import { dimensionSums, pairReader, type ValuesWanted } from './dimension-sums.js';
import type { AgentsReport, MetricsReport, MetricsTrend } from './metric-reports.js';
import { defineScripts, type SlawatchCommands } from '../scripts.js';

const MINUTE = 60_000;

/** A ticket's metrics as of its record version `version` (after the record was saved). */
export type { MetricUpdate };

export type { AgentsReport, MetricsReport, MetricsTrend } from './metric-reports.js';
export type { ContactWork } from './contact-changes.js';

/**
 * The rolling windows of docs/metrics.md in Redis. Each ticket's contribution (its facts and
 * gauges, from the pure core) is kept with the record version it reflects; applying a new
 * version adds the difference to per-minute and per-hour buckets of every dimension, in
 * one script per part of a batch (contribution-round.ts) that first checks no contribution
 * of the part changed since it was read. So a redelivered batch changes nothing (its
 * version is already applied), and facts moved by a late event or a reopen are moved in
 * the buckets. Buckets expire on their own: per-hour ones after the longest window,
 * per-minute ones after the longest window of at most a day (longer windows start on the
 * hour: bucket-ranges.ts, minuteSpanMs).
 */
export class MetricWindows {
  private readonly redis: RedisClient & SlawatchCommands;
  private readonly longest: number;
  /**
   * How long a contact counts: a repeat contact's window beyond the longest metric window,
   * and the margin. Contact lists live that long, and so does a forgotten ticket's
   * contribution that must still leave them.
   */
  private readonly contactSpan: number;
  /** How far back per-minute buckets are kept and read (bucket-ranges.ts, minuteSpanMs). */
  private readonly minuteSpan: number;
  private readonly contributions: ContributionDiff;
  /** The undeclared dimensions' values admitted or refused so far (admit-dimension-values.ts). */
  private readonly admitted: AdmittedValues;
  /** What a round of contributions works with (contribution-round.ts). */
  private readonly round: ContributionRound;
  /** The tickets behind the counts (drill-down), written with them. */
  private readonly ticketSets: TicketSets;
  /** The Prometheus SLA series, which the same script keeps (sla-series.ts). */
  readonly series: SlaSeries;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
    private readonly settings: MetricsSettings,
  ) {
    this.redis = defineScripts(redis);
    this.longest = longestWindowMs(settings);
    this.contactSpan = REPEAT_WITHIN + this.longest + MARGIN;
    this.minuteSpan = minuteSpanMs(settings);
    this.contributions = new ContributionDiff(keys, this.longest, this.minuteSpan);
    this.ticketSets = new TicketSets(
      keys,
      (now) => this.contributions.minuteCutoff(now),
      this.minuteSpan + MARGIN,
    );
    this.series = new SlaSeries(redis, keys);
    this.admitted = new AdmittedValues(this.redis, keys);
    this.round = {
      redis: this.redis,
      keys,
      diff: this.contributions,
      ticketSets: this.ticketSets,
      forgottenTtlMs: this.contactSpan,
    };
  }

  /**
   * Applies a batch in two steps: the tickets' contributions, each lane of each part of
   * the batch in one script (compare-and-set of the contributions read and the buckets of
   * their differences), then the requesters' contact lists with the repeat-contact facts
   * they decide, each lane in one script again. The lists come second and are version-guarded: a batch
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
      retryPending(updates, (pending) => contributionRound(this.round, pending, now)),
      getMany(this.redis, joined),
    ]);
    const changes = contactChanges(this.keys, listed);
    if (changes.size === 0) return;
    let prefetched: Map<string, string | null> | null = new Map(
      joined.map((key, i) => [key, texts[i] ?? null]),
    );
    await retryPending<ContactWork, never>([...changes.values()], (pending) => {
      const known = prefetched;
      prefetched = null; // a second round reads again: something changed meanwhile
      return this.applyContacts(pending, now, known);
    });
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
    const unknown = pending.filter(({ key }) => !known?.has(key)).map(({ key }) => key);
    const read = new Map(known);
    (await getMany(this.redis, unknown)).forEach((text, i) => read.set(unknown[i]!, text));
    const texts = pending.map(({ key }) => read.get(key) ?? null);
    // With one lane, a list not written since lanes came starts from the list stored
    // before (same requester and category): nobody writes those any more.
    const fromLegacy = this.keys.lanes === 1 ? pending.filter((_, i) => texts[i] === null) : [];
    const legacy = new Map<string, string | null>();
    (
      await getMany(
        this.redis,
        fromLegacy.map((w) => w.legacyKey),
      )
    ).forEach((text, i) => legacy.set(fromLegacy[i]!.key, legacyContactList(text)));
    const cutoff = this.contributions.cutoffMinute(now);
    const oldest = now - this.contactSpan;
    const lanes = new Map<number, LaneWrite<ContactWork>>();
    pending.forEach((work, i) => {
      const read = texts[i] ?? null;
      const base = read ?? legacy.get(work.key) ?? null;
      const { value, facts } = applyContactChanges(base, work.changes, cutoff, oldest, now);
      if (value === (read ?? '')) return;
      const write = laneWrite(lanes, work.lane, this.keys);
      for (const f of facts)
        this.contributions.expand(
          write.increments,
          work.lane,
          f.dims,
          ['rc', f.minute],
          f.sign,
          now,
        );
      write.strings.push({ key: work.key, read, value, ttlMs: this.contactSpan });
      write.items.push(work);
    });
    return { done: [], again: await writeLanes(this.redis, lanes) };
  }

  /**
   * Every metric of a closed period `[from, to)` still held by the buckets, for each value
   * of `dimension` (no "now" figures: those have no history). Both ends must be whole
   * minutes, `to` at most the current minute; a period reaching back beyond the per-minute
   * span must start and end on the hour, and none may start before the buckets stop being
   * kept exactly (`holds`): a RangeError says which. What scheduled digests read (exact,
   * like the windows).
   */
  async period(
    options: { from: number; to: number; dimension: Dimension; values?: readonly string[] },
    now: number,
  ): Promise<Record<string, MetricValues>> {
    const range = periodMinutes(options, now, this.minuteSpan, this.holds(options.from, now));
    const [sums] = await this.rangeSums([range], options.dimension, options.values, false);
    const out: Record<string, MetricValues> = {};
    for (const [value, fields] of sums!) out[value] = summarizeMetrics(fields, this.settings);
    return out;
  }

  /**
   * Whether the buckets still hold everything from `from` on exactly: up to the longest
   * window and half the margin before it (facts older than that are no longer moved when a
   * ticket changes: ContributionDiff.cutoffMinute).
   */
  holds(from: number, now: number): boolean {
    return from / MINUTE >= this.contributions.cutoffMinute(now);
  }

  /** Every metric over the window of `windowMs` ending now, for each value of `dimension`. */
  async query(
    options: { windowMs: number; dimension: Dimension; values?: readonly string[] },
    now: number,
  ): Promise<MetricsReport> {
    const range = windowMinutes(options.windowMs, now, this.minuteSpan);
    const sums = await this.windowSums(range, options.dimension, options.values);
    const values: Record<string, MetricValues> = {};
    for (const [value, fields] of sums) values[value] = summarizeMetrics(fields, this.settings);
    return {
      at: new Date(now).toISOString(),
      window: this.windowName(options.windowMs),
      from: new Date(range[0] * MINUTE).toISOString(),
      dimension: options.dimension,
      values,
    };
  }

  /**
   * The first response, next response and resolution durations of each value of
   * `dimension` over the window of `windowMs` ending now, as histograms: what the breach
   * forecast reads.
   */
  async durationHistograms(
    options: { windowMs: number; dimension: Dimension; values?: readonly string[] },
    now: number,
  ): Promise<Map<string, SourceHistograms>> {
    const range = windowMinutes(options.windowMs, now, this.minuteSpan);
    const sums = await this.windowSums(range, options.dimension, options.values);
    return new Map([...sums].map(([value, fields]) => [value, sourceHistograms(fields)]));
  }

  /** The values of undeclared dimensions kept under `cap` (admit-dimension-values.ts). */
  admitValues(
    cap: number,
    asked: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
  ): Promise<Map<AdmittedDimension, Set<string>>> {
    return this.admitted.admit(cap, asked);
  }

  /** admitValues' answer when it needs no Redis (every value was decided before), else null. */
  admittedNow(
    cap: number,
    asked: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
  ): Map<AdmittedDimension, Set<string>> | null {
    return this.admitted.known(cap, asked);
  }

  /**
   * The values of `dimension` with anything counted in the window of `windowMs` ending now
   * or open now, sorted: what a wallboard may offer to choose from, without summarizing
   * them.
   */
  async valuesSeen(windowMs: number, dimension: Dimension, now: number): Promise<string[]> {
    const range = windowMinutes(windowMs, now, this.minuteSpan);
    return [...(await this.windowSums(range, dimension)).keys()];
  }

  /**
   * Every metric over the window of `windowMs` ending now for `team` and for each of its
   * agents, over that team's tickets only (the `teamAssignee` bucket dimension).
   */
  async agents(options: { windowMs: number; team: string }, now: number): Promise<AgentsReport> {
    const { windowMs, team } = options;
    const range = windowMinutes(windowMs, now, this.minuteSpan);
    const pairOf = pairReader();
    // Redis picks the team's fields out of the pairs' hashes (every team's agents are there).
    const match = `${globLiteral(teamAgent(team, ''))}*`;
    const [teamSums, [pairSums]] = await Promise.all([
      this.windowSums(range, 'team', [team]),
      this.rangeSums([range], 'teamAssignee', (v) => pairOf(v)?.[0] === team, true, match),
    ]);
    const values: Record<string, MetricValues> = {};
    for (const [value, fields] of pairSums!)
      values[pairOf(value)![1]] = summarizeMetrics(fields, this.settings);
    return {
      at: new Date(now).toISOString(),
      window: this.windowName(windowMs),
      from: new Date(range[0] * MINUTE).toISOString(),
      team,
      teamValues: summarizeMetrics(teamSums.get(team)!, this.settings),
      values,
    };
  }

  /**
   * Every lane's counters over the minutes `first..last`, by value of `dimension` (only
   * `values`, or those `values` keeps, when given).
   */
  private async windowSums(
    range: [number, number],
    dimension: BucketDimension,
    values?: ValuesWanted,
  ): Promise<Map<string, Map<string, number>>> {
    return (await this.rangeSums([range], dimension, values, true))[0]!;
  }

  /** Each range's counters by value of `dimension` (dimension-sums.ts). */
  private rangeSums(
    ranges: readonly [number, number][],
    dimension: BucketDimension,
    values: ValuesWanted,
    gauges: boolean,
    match?: string,
  ): Promise<Map<string, Map<string, number>>[]> {
    return dimensionSums(this.redis, this.keys, { ranges, dimension, values, gauges, match });
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
    const [first, last] = windowMinutes(options.windowMs, now, this.minuteSpan);
    // The step of the window's nominal length: one that starts on the hour gets the same.
    const step = trendStepMinutes(Math.floor(options.windowMs / MINUTE));
    const ranges: [number, number][] = [];
    for (let start = Math.floor(first / step) * step; start <= last; start += step)
      ranges.push([Math.max(start, first), Math.min(start + step - 1, last)]);
    const sums = await this.rangeSums(ranges, options.dimension, options.values, false);
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
    const texts = await getMany(
      this.redis,
      unique.map((id) => this.keys.contribution(id)),
    );
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
}
