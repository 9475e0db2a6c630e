import type { TileKey } from '../tiles/tile-key';
import { TILE_SPECS, type TileSpec } from '../tiles/tile-specs';

/**
 * The figures a row's trend line may show: those a supervisor compares teams by over time.
 * Each is a tile with a server-side trend, so the line is drawn as the board draws it.
 */
export const TREND_CHOICES = [
  'attainment.overall',
  'breaches',
  'volumeIn',
  'volumeOut',
  'firstResponseP90',
] as const satisfies readonly TileKey[];
export type TrendChoice = (typeof TREND_CHOICES)[number];

export const DEFAULT_TREND: TrendChoice = 'attainment.overall';

const LABELS: Readonly<Record<TrendChoice, string>> = {
  'attainment.overall': 'Overall SLA',
  breaches: 'Breaches',
  volumeIn: 'Created',
  volumeOut: 'Solved',
  firstResponseP90: 'First reply p90',
};

export const trendLabel = (choice: TrendChoice): string => LABELS[choice];

/** The tile whose trend the line draws. */
export const trendSpec = (choice: TrendChoice): TileSpec =>
  TILE_SPECS.find((s) => s.key === choice)!;
