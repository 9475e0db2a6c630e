import type { RedisClient } from '../redis-client.js';
import {
  decodeCountCode,
  DIMENSIONS,
  FACT_COUNT_CODES,
  NONE,
  type CountCode,
  type GaugeCode,
  multisetDifference,
} from '@slawatch/core';
import type { Keys } from '../keys.js';
import type { Contribution, StoredFact } from './metric-contribution.js';
import type { MetricIncrements } from './metric-increments.js';

/**
 * The only labels the Prometheus SLA series carry (docs/metrics.md, "Prometheus series": never a
 * ticket, requester or agent id), in this order in every field of the series hash.
 */
export const SERIES_LABELS = ['team', 'priority', 'channel', 'policy'] as const;
export type SeriesLabels = Record<(typeof SERIES_LABELS)[number], string>;
const LABEL_DIMS = SERIES_LABELS.map((l) => DIMENSIONS.indexOf(l));

/** Upper bounds (seconds) of the first-response and resolution time histograms. */
export const DURATION_BOUNDS = [
  60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 432_000, 604_800,
] as const;
/** The durations observed: first reply time and resolution time (metric-codes.ts). */
const OBSERVED = ['fr', 'rs'] as const;
export type ObservedDuration = (typeof OBSERVED)[number];

export interface SlaSeriesSnapshot {
  /** Counters: a ticket-counts code, decoded. */
  readonly counts: readonly { code: CountCode; labels: SeriesLabels; value: number }[];
  /** Gauges: backlog by status (gn go gp gh), clocks at risk (ga), open breached (gb). */
  readonly gauges: readonly { code: GaugeCode; labels: SeriesLabels; value: number }[];
  /** Histograms: observations per bucket of DURATION_BOUNDS, +Inf last (not cumulative). */
  readonly durations: readonly {
    code: ObservedDuration;
    labels: SeriesLabels;
    buckets: number[];
    sumMs: number;
  }[];
  readonly deadLettered: number;
}

export const DEAD_LETTERED = 'd';

const labelsOf = (dims: readonly string[]): string =>
  JSON.stringify(LABEL_DIMS.map((d) => (dims[d] === undefined || dims[d] === NONE ? '' : dims[d])));

const bucketOf = (ms: number): number => {
  const i = DURATION_BOUNDS.findIndex((b) => ms <= b * 1000);
  return i === -1 ? DURATION_BOUNDS.length : i;
};

/**
 * Adds to `into` what a ticket's change from `old` to `next` does to the series hash:
 * gauges move by the difference (under the labels of each version), counters rise by
 * the increase of each lifetime count and by every new met or breached fact, and every
 * new first-reply or resolution fact is observed once. Nothing ever goes down but gauges: a Prometheus counter that fell would
 * read as a restart.
 */
export function seriesIncrements(
  into: MetricIncrements,
  key: string,
  old: Contribution,
  next: Contribution,
  fallbackDims?: readonly string[],
): void {
  const oldLabels = old.dims.length > 0 ? labelsOf(old.dims) : null;
  // A deleted ticket has no dimensions left: its last events count under its labels.
  const labels =
    next.dims.length > 0 ? labelsOf(next.dims) : fallbackDims ? labelsOf(fallbackDims) : oldLabels;
  if (labels === null) return;
  if (oldLabels !== null) for (const g of old.gauges) into.add(key, 0, `g${g}|${oldLabels}`, -1);
  for (const g of next.gauges) into.add(key, 0, `g${g}|${labels}`, 1);
  for (const [code, count] of Object.entries(next.counts)) {
    const increase = count - (old.counts[code] ?? 0);
    if (increase > 0) into.add(key, 0, `c${code}|${labels}`, increase);
  }
  // New facts: durations observed, met clocks and breaches counted (once each).
  const wanted = (f: StoredFact) =>
    (OBSERVED as readonly string[]).includes(f[0]) || f[0] in FACT_COUNT_CODES;
  const factKey = (f: StoredFact) => f.join(',');
  const added = multisetDifference(next.facts.filter(wanted), old.facts, factKey);
  for (const [code, , ms = 0] of added) {
    const counted = FACT_COUNT_CODES[code];
    if (counted !== undefined) {
      into.add(key, 0, `c${counted}|${labels}`, 1);
      continue;
    }
    into.add(key, 0, `h${code}:${bucketOf(ms)}|${labels}`, 1);
    into.add(key, 0, `h${code}:s|${labels}`, ms);
  }
}

/**
 * Reads the SLA series every instance shares (one HGETALL), and counts dead-lettered
 * events into them.
 */
export class SlaSeries {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * Counts events sent to the dead-letter topic. At least once: a batch redelivered after
   * a crash between the dead-letter write and the offset commit counts its events again.
   */
  async countDeadLetters(count: number): Promise<void> {
    if (count > 0) await this.redis.hincrby(this.keys.series, DEAD_LETTERED, count);
  }

  /**
   * The series as stored, field `<kind><code>|<labels JSON>` → value: `g` gauges, `c`
   * counters (ticket-counts codes), `h<fr|rs>:<bucket index, or s for the sum in ms>`
   * histograms, and `d` dead letters; each lane's hash and the shared one summed. The
   * exporter formats these itself: at tens of thousands of fields, decoding each into
   * objects first would double a scrape's time.
   */
  async fields(): Promise<Record<string, string>> {
    const keys = new Set([this.keys.series]);
    for (let lane = 0; lane < this.keys.lanes; lane++) keys.add(this.keys.laneSeries(lane));
    const hashes = await Promise.all([...keys].map((key) => this.redis.hgetall(key)));
    if (hashes.length === 1) return hashes[0]!;
    const sums = new Map<string, number>();
    for (const hash of hashes)
      for (const field in hash) sums.set(field, (sums.get(field) ?? 0) + Number(hash[field]));
    const out: Record<string, string> = {};
    for (const [field, value] of sums) out[field] = String(value);
    return out;
  }

  async read(): Promise<SlaSeriesSnapshot> {
    const hash = await this.fields();
    const counts: { code: CountCode; labels: SeriesLabels; value: number }[] = [];
    const gauges: { code: GaugeCode; labels: SeriesLabels; value: number }[] = [];
    const durations = new Map<string, SlaSeriesSnapshot['durations'][number]>();
    let deadLettered = 0;
    for (const [field, text] of Object.entries(hash)) {
      const value = Number(text);
      if (field === DEAD_LETTERED) {
        deadLettered = value;
        continue;
      }
      // Notification counts (notification-log.ts) have labels of their own.
      if (field[0] === 'n') continue;
      const bar = field.indexOf('|');
      const code = field.slice(1, bar);
      const values = JSON.parse(field.slice(bar + 1)) as string[];
      const labels = Object.fromEntries(
        SERIES_LABELS.map((l, i) => [l, values[i] ?? '']),
      ) as SeriesLabels;
      if (field[0] === 'g') gauges.push({ code: code as GaugeCode, labels, value });
      else if (field[0] === 'c') {
        const decoded = decodeCountCode(code);
        if (decoded) counts.push({ code: decoded, labels, value });
      } else if (field[0] === 'h') {
        const [observed, bucket] = code.split(':') as [ObservedDuration, string];
        const id = `${observed}|${field.slice(bar + 1)}`;
        let d = durations.get(id);
        if (!d) {
          d = {
            code: observed,
            labels,
            buckets: Array<number>(DURATION_BOUNDS.length + 1).fill(0),
            sumMs: 0,
          };
          durations.set(id, d);
        }
        if (bucket === 's') d.sumMs = value;
        else d.buckets[Number(bucket)] = value;
      }
    }
    return { counts, gauges, durations: [...durations.values()], deadLettered };
  }
}
