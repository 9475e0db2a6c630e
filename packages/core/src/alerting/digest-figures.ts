import type { MetricValues } from '../metrics/metric-summary.js';
import type { Instant } from '../time/instant.js';
import type { DigestEvery } from './digest-schedule.js';

/**
 * The headline figures of a digest, from a period's metrics: attainment as fractions 0..1,
 * durations in seconds, counts; null where the period had nothing to measure.
 */
export interface DigestFigures {
  readonly attainment: {
    readonly overall: number | null;
    readonly firstResponse: number | null;
    readonly nextResponse: number | null;
    readonly resolution: number | null;
  };
  readonly breaches: number;
  readonly created: number;
  readonly solved: number;
  readonly firstResponseP50: number | null;
  readonly firstResponseP90: number | null;
  readonly resolutionP90: number | null;
  readonly fcrRate: number | null;
  readonly csatShare: number | null;
  /** -100..100. */
  readonly nps: number | null;
  /** 0..100. */
  readonly qualityScore: number | null;
}

/** What one digest message says: the period's figures, the previous period's, the link. */
export interface DigestReport {
  /** The digest's id in `alerting.digests`. */
  readonly digest: string;
  /** The team whose figures these are; null: every team together. */
  readonly team: string | null;
  readonly every: DigestEvery;
  /** The zone the digest is scheduled in (its calendar's, or `UTC`): messages' dates are in it. */
  readonly timezone: string;
  /** The period `[from, to)`. */
  readonly from: Instant;
  readonly to: Instant;
  readonly figures: DigestFigures;
  /** The period before, when known (a digest kept, or buckets that still hold it). */
  readonly previous: DigestFigures | null;
  /** The wallboard's Reports page for the period; null without `SLAWATCH_PUBLIC_URL`. */
  readonly link: string | null;
}

/** The headline of a period's metrics. Pure. */
export function digestFigures(v: MetricValues): DigestFigures {
  return {
    attainment: {
      overall: v.attainment.overall,
      firstResponse: v.attainment.firstResponse,
      nextResponse: v.attainment.nextResponse,
      resolution: v.attainment.resolution,
    },
    breaches: v.breaches.total,
    created: v.volume.created,
    solved: v.volume.solved,
    firstResponseP50: v.firstResponseTime.p50,
    firstResponseP90: v.firstResponseTime.p90,
    resolutionP90: v.resolutionTime.p90,
    fcrRate: v.fcrRate,
    csatShare: v.csat.share,
    nps: v.nps.score,
    qualityScore: v.qualityScore,
  };
}
