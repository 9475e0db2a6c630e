/** Every tile, by its stable key (also its `data-metric` attribute). */
export const TILE_KEYS = [
  'attainment.firstResponse',
  'attainment.nextResponse',
  'attainment.resolution',
  'attainment.overall',
  // The further clocks: shown only where a policy targets them (TileSpec.optional).
  'attainment.periodicUpdate',
  'attainment.pausableUpdate',
  'attainment.requesterWait',
  'attainment.agentWork',
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
