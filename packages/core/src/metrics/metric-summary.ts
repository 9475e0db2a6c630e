import { quantile } from './histogram.js';
import type { DurationCode } from './metric-codes.js';
import type { MetricsSettings, QualityComponent } from './metrics-settings.js';
import { QUALITY_COMPONENTS } from './metrics-settings.js';
import type { ClockKind, FurtherClockKind } from '../contract/vocabulary.js';
import { BREACHED, MET } from './ticket-metrics.js';

/** Statistics of a duration metric, in wall-clock seconds; null figures when empty. */
export interface DurationStats {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
}

/** Every metric of docs/metrics.md for one window and one dimension value. */
export interface MetricValues {
  readonly firstResponseTime: DurationStats;
  readonly nextResponseTime: DurationStats;
  readonly resolutionTime: DurationStats;
  readonly timeToEscalate: DurationStats;
  /**
   * met ÷ (met + breached), 0..1; null when no clock finished. The further kinds only when
   * a policy targets them (MetricsSettings.furtherClocks); `overall` counts them too.
   */
  readonly attainment: {
    readonly firstResponse: number | null;
    readonly nextResponse: number | null;
    readonly resolution: number | null;
    readonly overall: number | null;
  } & { readonly [K in FurtherClockKind]?: number | null };
  readonly breaches: {
    readonly firstResponse: number;
    readonly nextResponse: number;
    readonly resolution: number;
    readonly total: number;
  } & { readonly [K in FurtherClockKind]?: number };
  readonly volume: { readonly created: number; readonly solved: number; readonly replies: number };
  readonly solves: number;
  readonly reopens: number;
  readonly escalated: number;
  readonly fcrRate: number | null;
  readonly reopenRate: number | null;
  readonly escalationRate: number | null;
  readonly csat: {
    readonly count: number;
    readonly share: number | null;
    readonly mean: number | null;
  };
  readonly nps: { readonly count: number; readonly score: number | null };
  readonly repeatContacts: number;
  readonly repeatContactRate: number | null;
  /** 0..100, null when no component has data. */
  readonly qualityScore: number | null;
  readonly now: {
    readonly backlog: {
      readonly new: number;
      readonly open: number;
      readonly pending: number;
      readonly on_hold: number;
      readonly total: number;
    };
    readonly openBreached: number;
    readonly atRisk: number;
  };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * Turns the summed counters of one dimension value (`<code>.n`, `<code>.s`, `<code>.b<bin>`
 * and the gauges) into the metrics, with the formulas of docs/metrics.md.
 */
export function summarizeMetrics(
  fields: ReadonlyMap<string, number>,
  settings: MetricsSettings,
): MetricValues {
  const n = (code: string) => fields.get(`${code}.n`) ?? 0;
  const sum = (code: string) => fields.get(`${code}.s`) ?? 0;
  const duration = (code: DurationCode): DurationStats => {
    // A duration's count is the sum of its histogram bins (no `.n` counter is kept).
    const bins = new Map<string, number>();
    const prefix = `${code}.b`;
    let count = 0;
    for (const [field, value] of fields)
      if (field.startsWith(prefix)) {
        bins.set(field.slice(prefix.length), value);
        count += value;
      }
    return {
      count,
      mean: count === 0 ? null : sum(code) / count / 1000,
      p50: quantile(bins, 0.5),
      p90: quantile(bins, 0.9),
      p99: quantile(bins, 0.99),
    };
  };
  const durations = {
    firstResponseTime: duration('fr'),
    nextResponseTime: duration('nr'),
    resolutionTime: duration('rs'),
    timeToEscalate: duration('es'),
  };
  // The first three kinds always, the further ones where a policy targets them.
  const kinds: readonly ClockKind[] = [
    'firstResponse',
    'nextResponse',
    'resolution',
    ...(settings.furtherClocks ?? []),
  ];
  const met = (k: ClockKind) => n(MET[k]);
  const breached = (k: ClockKind) => n(BREACHED[k]);
  const allMet = kinds.reduce((a, k) => a + met(k), 0);
  const allBreached = kinds.reduce((a, k) => a + breached(k), 0);
  const byKind = <T>(f: (k: ClockKind) => T) =>
    Object.fromEntries(kinds.map((k) => [k, f(k)])) as Record<
      'firstResponse' | 'nextResponse' | 'resolution',
      T
    > &
      Partial<Record<FurtherClockKind, T>>;
  const attainment = {
    ...byKind((k) => ratio(met(k), met(k) + breached(k))),
    overall: ratio(allMet, allMet + allBreached),
  };
  const created = n('c');
  const solved = n('sv');
  const solves = n('so');
  const csatCount = n('cs');
  const npsCount = n('np');
  const nps = npsCount === 0 ? null : ((n('pp') - n('pd')) / npsCount) * 100;
  const values = {
    fcrRate: ratio(n('fc'), solved),
    reopenRate: ratio(n('ro'), solves),
    csatShare: ratio(n('cp'), csatCount),
  };
  const components: Record<QualityComponent, number | null> = {
    firstResponseAttainment: attainment.firstResponse,
    resolutionAttainment: attainment.resolution,
    fcrRate: values.fcrRate,
    csatShare: values.csatShare,
    nps: nps === null ? null : (nps + 100) / 200,
    notReopened: values.reopenRate === null ? null : 1 - values.reopenRate,
  };
  let weighted = 0;
  let weights = 0;
  for (const c of QUALITY_COMPONENTS) {
    const q = components[c];
    if (q === null) continue;
    weighted += settings.qualityWeights[c] * q;
    weights += settings.qualityWeights[c];
  }
  const backlog = { new: g('gn'), open: g('go'), pending: g('gp'), on_hold: g('gh') };
  function g(code: string) {
    return fields.get(code) ?? 0;
  }
  return {
    ...durations,
    attainment,
    breaches: {
      ...byKind(breached),
      total: allBreached,
    },
    volume: { created, solved, replies: n('rp') },
    solves,
    reopens: n('ro'),
    escalated: durations.timeToEscalate.count,
    fcrRate: values.fcrRate,
    reopenRate: values.reopenRate,
    escalationRate: ratio(durations.timeToEscalate.count, created),
    csat: { count: csatCount, share: values.csatShare, mean: ratio(sum('cs'), csatCount) },
    nps: { count: npsCount, score: nps },
    repeatContacts: n('rc'),
    repeatContactRate: ratio(n('rc'), created),
    qualityScore: weights === 0 ? null : (weighted / weights) * 100,
    now: {
      backlog: {
        ...backlog,
        total: backlog.new + backlog.open + backlog.pending + backlog.on_hold,
      },
      openBreached: g('gb'),
      atRisk: g('ga'),
    },
  };
}
