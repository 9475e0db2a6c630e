import type { FurtherClockKind } from '../contract/vocabulary.js';
import * as z from 'zod';
import { DECLARABLE_DIMENSIONS, type DeclarableDimension } from './declarable-dimensions.js';

/** The components of the service quality score (docs/metrics.md), each normalized to 0..1. */
export const QUALITY_COMPONENTS = [
  'firstResponseAttainment',
  'resolutionAttainment',
  'fcrRate',
  'csatShare',
  'nps',
  'notReopened',
] as const;
export type QualityComponent = (typeof QUALITY_COMPONENTS)[number];

export interface MetricWindow {
  /** As written: `15m`, `1h`, `24h`, `7d`. */
  readonly name: string;
  readonly ms: number;
}

/** The `metrics` section of the policy document (docs/policies.md, "The `metrics` section"). */
export interface MetricsSettings {
  readonly windows: readonly MetricWindow[];
  readonly qualityWeights: Readonly<Record<QualityComponent, number>>;
  /**
   * The values of each declared dimension (`metrics.dimensionValues`); policies' match
   * values count as declared too. Any other value of a declared dimension is counted as
   * `other`. A dimension left out keeps every value producers send.
   */
  readonly dimensionValues: Readonly<Partial<Record<DeclarableDimension, readonly string[]>>>;
  /**
   * How many distinct values an undeclared dimension may take in the tracker's metrics:
   * the first ones seen are kept, later new ones count as `other`.
   */
  readonly valuesPerDimension: number;
  /**
   * The further clock kinds some policy targets (set by the policy set): their attainment
   * and breaches are reported; a kind nobody targets does not appear in the metrics.
   */
  readonly furtherClocks?: readonly FurtherClockKind[];
}

/** Enough for every team, queue and tier, and the agents of a large floor. */
export const DEFAULT_VALUES_PER_DIMENSION = 1000;

export const DEFAULT_QUALITY_WEIGHTS: Readonly<Record<QualityComponent, number>> = {
  firstResponseAttainment: 0.2,
  resolutionAttainment: 0.2,
  fcrRate: 0.15,
  csatShare: 0.2,
  nps: 0.1,
  notReopened: 0.15,
};

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Windows slide by the minute, so they are whole minutes; a month at most (memory). */
const MAX_WINDOW_MS = 31 * 86_400_000;

/** Whole minutes, hours or days (`15m`, `24h`, `7d`) in ms; null for anything else. */
export function parseSpan(text: string): number | null {
  const m = /^(\d+)([mhd])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : null;
}

const windowSchema = z.string().transform((text, ctx): MetricWindow => {
  const ms = parseSpan(text) ?? NaN;
  if (!(ms >= 60_000 && ms <= MAX_WINDOW_MS)) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `must be a window of whole minutes, hours or days between 1m and 31d (e.g. "15m", "24h", "7d"), got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return { name: text.trim(), ms };
});

const weight = z.number().min(0).max(1);

const weightsSchema = z
  .strictObject(
    Object.fromEntries(QUALITY_COMPONENTS.map((c) => [c, weight])) as {
      [K in QualityComponent]: typeof weight;
    },
  )
  .check((ctx) => {
    const sum = QUALITY_COMPONENTS.reduce((s, c) => s + ctx.value[c], 0);
    if (Math.abs(sum - 1) > 1e-9)
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `the quality weights must sum to 1, they sum to ${Number(sum.toFixed(6))}`,
      });
  });

/** More would defeat the point: every value is a bucket set and a Prometheus series. */
const MAX_DECLARED_VALUES = 1000;

const declaredValues = z.array(z.string().min(1).max(512)).max(MAX_DECLARED_VALUES);

const dimensionValuesSchema = z.strictObject(
  Object.fromEntries(DECLARABLE_DIMENSIONS.map((d) => [d, declaredValues.optional()])) as {
    [K in DeclarableDimension]: z.ZodOptional<typeof declaredValues>;
  },
);

export const metricsSettingsSchema = z
  .strictObject({
    windows: z.array(windowSchema).min(1).optional(),
    qualityWeights: weightsSchema.optional(),
    dimensionValues: dimensionValuesSchema.optional(),
    valuesPerDimension: z.number().int().min(1).max(100_000).optional(),
  })
  .transform((raw): MetricsSettings => ({
    windows: raw.windows ?? DEFAULT_METRICS_SETTINGS.windows,
    qualityWeights: raw.qualityWeights ?? DEFAULT_QUALITY_WEIGHTS,
    dimensionValues: Object.fromEntries(
      Object.entries(raw.dimensionValues ?? {}).filter(([, v]) => v !== undefined),
    ),
    valuesPerDimension: raw.valuesPerDimension ?? DEFAULT_VALUES_PER_DIMENSION,
  }));

export const DEFAULT_METRICS_SETTINGS: MetricsSettings = {
  windows: [
    { name: '15m', ms: 15 * 60_000 },
    { name: '1h', ms: 3_600_000 },
    { name: '24h', ms: 86_400_000 },
    { name: '7d', ms: 7 * 86_400_000 },
  ],
  qualityWeights: DEFAULT_QUALITY_WEIGHTS,
  dimensionValues: {},
  valuesPerDimension: DEFAULT_VALUES_PER_DIMENSION,
  furtherClocks: [],
};

/** The longest window: how long the buckets behind the windows are kept. */
export const longestWindowMs = (s: MetricsSettings): number =>
  Math.max(...s.windows.map((w) => w.ms));
