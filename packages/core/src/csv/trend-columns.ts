import type { FurtherClockKind } from '../contract/vocabulary.js';
import type { TrendFigures } from '../metrics/trend-figures.js';
import type { CoversLeaves, Holds, LeafPath } from './leaf-path.js';

/**
 * The figure columns of a trend CSV, in the order of the JSON slice: a further clock
 * kind's attainment only when a policy targets that kind, as in the JSON.
 */
export function trendColumns(further: readonly FurtherClockKind[]) {
  const columns = [
    'attainment.firstResponse',
    'attainment.nextResponse',
    'attainment.resolution',
    ...further.map((k) => `attainment.${k}` as const),
    'attainment.overall',
    'breaches',
    'firstResponseP50',
    'firstResponseP90',
    'resolutionP90',
    'created',
    'solved',
    'fcrRate',
    'csatShare',
    'nps',
    'qualityScore',
  ] satisfies LeafPath<TrendFigures>[];
  return columns;
}

/** `tsc` fails here the day TrendFigures gains a figure the CSV has no column for. */
export type TrendColumnsComplete = Holds<
  CoversLeaves<TrendFigures, ReturnType<typeof trendColumns>[number]>
>;
