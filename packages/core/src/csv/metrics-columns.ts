import type { FurtherClockKind } from '../contract/vocabulary.js';
import type { MetricValues } from '../metrics/metric-summary.js';
import type { CoversLeaves, Holds, LeafPath } from './leaf-path.js';

const DURATIONS = [
  'firstResponseTime',
  'nextResponseTime',
  'resolutionTime',
  'timeToEscalate',
] as const;
const STATS = ['count', 'mean', 'p50', 'p90', 'p99'] as const;

/**
 * The figure columns of a metrics CSV, in the order of the JSON answer: a further clock
 * kind's attainment and breaches only when a policy targets that kind, as in the JSON.
 */
export function metricsColumns(further: readonly FurtherClockKind[]) {
  const columns = [
    ...DURATIONS.flatMap((d) => STATS.map((s) => `${d}.${s}` as const)),
    'attainment.firstResponse',
    'attainment.nextResponse',
    'attainment.resolution',
    ...further.map((k) => `attainment.${k}` as const),
    'attainment.overall',
    'breaches.firstResponse',
    'breaches.nextResponse',
    'breaches.resolution',
    ...further.map((k) => `breaches.${k}` as const),
    'breaches.total',
    'volume.created',
    'volume.solved',
    'volume.replies',
    'solves',
    'reopens',
    'escalated',
    'fcrRate',
    'reopenRate',
    'escalationRate',
    'csat.count',
    'csat.share',
    'csat.mean',
    'nps.count',
    'nps.score',
    'repeatContacts',
    'repeatContactRate',
    'qualityScore',
    'now.backlog.new',
    'now.backlog.open',
    'now.backlog.pending',
    'now.backlog.on_hold',
    'now.backlog.total',
    'now.openBreached',
    'now.atRisk',
  ] satisfies LeafPath<MetricValues>[];
  return columns;
}

/** `tsc` fails here the day MetricValues gains a figure the CSV has no column for. */
export type MetricsColumnsComplete = Holds<
  CoversLeaves<MetricValues, ReturnType<typeof metricsColumns>[number]>
>;
