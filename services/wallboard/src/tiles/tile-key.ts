/** Every tile, by its stable key (also its `data-metric` attribute). */
export const TILE_KEYS = [
  'attainment.firstResponse',
  'attainment.nextResponse',
  'attainment.resolution',
  'attainment.overall',
  'breaches',
  'atRisk',
  'openBreached',
  'backlog',
  'firstResponseP50',
  'firstResponseP90',
  'resolutionP90',
  'volumeIn',
  'volumeOut',
  'fcr',
  'csat',
  'nps',
  'quality',
] as const;

export type TileKey = (typeof TILE_KEYS)[number];
