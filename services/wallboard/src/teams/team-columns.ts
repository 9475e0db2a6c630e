import type { MetricValues } from '@slawatch/core';
import type { FigureUnit } from '../tiles/figure-unit';
import type { TileKey } from '../tiles/tile-key';
import { TILE_SPECS } from '../tiles/tile-specs';

/** One figure column of the Teams table: a board tile's figure, under a shorter heading. */
export interface TeamColumn {
  /** The tile's key: the figure is read as the board reads it. */
  readonly key: TileKey;
  /** Short, as it sits under its group's heading ("First reply" under "SLA attainment"). */
  readonly heading: string;
  /** The heading in full, for a tooltip and a screen reader ("First reply SLA"). */
  readonly title: string;
  readonly unit: FigureUnit;
  readonly value: (m: MetricValues) => number | null | undefined;
}

export interface ColumnGroup {
  readonly title: string;
  readonly columns: readonly TeamColumn[];
}

const column = (key: TileKey, heading: string): TeamColumn => {
  // Every key named below is a tile: the board and this table show one set of figures.
  const spec = TILE_SPECS.find((s) => s.key === key)!;
  return { key, heading, title: spec.title, unit: spec.unit, value: spec.value };
};

/** The figure columns, grouped so that seventeen of them stay readable side by side. */
export const COLUMN_GROUPS: readonly ColumnGroup[] = [
  {
    title: 'SLA attainment',
    columns: [
      column('attainment.overall', 'Overall'),
      column('attainment.firstResponse', 'First reply'),
      column('attainment.nextResponse', 'Next reply'),
      column('attainment.resolution', 'Resolution'),
    ],
  },
  {
    title: 'Tickets',
    columns: [
      column('breaches', 'Breaches'),
      column('volumeIn', 'Created'),
      column('volumeOut', 'Solved'),
    ],
  },
  {
    title: 'Times',
    columns: [
      column('firstResponseP50', 'First reply p50'),
      column('firstResponseP90', 'First reply p90'),
      column('resolutionP90', 'Resolution p90'),
    ],
  },
  {
    title: 'Customers',
    columns: [
      column('fcr', 'FCR'),
      column('csat', 'CSAT'),
      column('nps', 'NPS'),
      column('quality', 'Quality'),
    ],
  },
  {
    title: 'Now',
    columns: [
      column('backlog', 'Backlog'),
      column('atRisk', 'At risk'),
      column('openBreached', 'Open breached'),
    ],
  },
];

export const TEAM_COLUMNS: readonly TeamColumn[] = COLUMN_GROUPS.flatMap((g) => g.columns);
