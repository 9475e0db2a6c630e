import { FURTHER_CLOCK_KINDS, type MetricValues } from '@slawatch/core';
import type { TrendFigures } from '../api/metrics-data';
import type { DrillTarget } from '../drill-down/drill-target';
import { formatCount, formatMean } from '../format/format-number';
import type { Direction, Limits } from '../state/level';
import type { FigureUnit } from './figure-unit';
import type { TileKey } from './tile-key';

/** A small labelled figure under a tile's main one ("new 3"). */
export interface TileDetail {
  readonly label: string;
  readonly value: string;
  /** The tickets behind this small count (a backlog status, a kind's breaches). */
  readonly drill?: DrillTarget;
}

/** Where a tile's sparkline comes from. */
export type TileHistory =
  | {
      readonly kind: 'trend';
      readonly of: (t: TrendFigures) => number | null;
      /**
       * A slice without an entry for the value had nothing in it: for a count that is 0,
       * for a rate or a duration it is no figure at all.
       */
      readonly emptyIsZero?: boolean;
    }
  /** A gauge of "now": the page samples it from each metrics message it receives. */
  | { readonly kind: 'gauge' };

/** Everything that makes one tile: its figure, unit, history, and limits. */
export interface TileSpec {
  readonly key: TileKey;
  readonly title: string;
  readonly unit: FigureUnit;
  /** Which side of a limit is bad; fixed per metric. */
  readonly direction: Direction;
  readonly defaults: Limits;
  /** undefined: the answer has no such figure (see `optional`). */
  readonly value: (m: MetricValues) => number | null | undefined;
  readonly details?: (m: MetricValues) => readonly TileDetail[];
  /** A fixed word under the figure, for tiles with no small figures. */
  readonly note?: string;
  readonly history: TileHistory;
  /**
   * The list of tickets behind the figure, which the tile opens (docs/wallboard.md,
   * "Drill-down"); none for a figure no list is kept of (tickets in, FCR, CSAT…).
   */
  readonly drill?: DrillTarget;
  /** Wider tiles carry more small figures. */
  readonly wide?: boolean;
  /**
   * Shown only while the metrics answer has the figure (`value` is not undefined): the
   * further clocks' attainment, there only where a policy of the document targets them.
   */
  readonly optional?: boolean;
}

const HOUR = 3600;
const limits = (warn: number | null, critical: number | null): Limits => ({ warn, critical });
const count = (label: string, value: number, drill?: DrillTarget): TileDetail => ({
  label,
  value: formatCount(value),
  ...(drill === undefined ? {} : { drill }),
});

type AttainmentKind = Exclude<keyof MetricValues['attainment'], 'overall'>;
const FURTHER: readonly string[] = FURTHER_CLOCK_KINDS;
const attainment = (kind: AttainmentKind | 'overall', title: string): TileSpec => ({
  key: `attainment.${kind}`,
  title,
  unit: 'percent',
  direction: 'below',
  defaults: limits(0.9, 0.8),
  value: (m) => m.attainment[kind],
  details: (m) => [
    count('breached', kind === 'overall' ? m.breaches.total : (m.breaches[kind] ?? 0), {
      list: 'outcomes',
      clock: kind === 'overall' ? null : kind,
      outcome: 'breached',
    }),
  ],
  history: { kind: 'trend', of: (t) => t.attainment[kind] ?? null },
  drill: { list: 'outcomes', clock: kind === 'overall' ? null : kind, outcome: null },
  ...(FURTHER.includes(kind) ? { optional: true } : {}),
});

/** The tiles in the order the board lays them out. */
export const TILE_SPECS: readonly TileSpec[] = [
  attainment('firstResponse', 'First reply SLA'),
  attainment('nextResponse', 'Next reply SLA'),
  attainment('resolution', 'Resolution SLA'),
  attainment('overall', 'Overall SLA'),
  attainment('periodicUpdate', 'Update SLA'),
  attainment('pausableUpdate', 'Update SLA (pausable)'),
  attainment('requesterWait', 'Requester wait SLA'),
  attainment('agentWork', 'Agent work SLA'),
  {
    key: 'breaches',
    title: 'Breaches',
    unit: 'count',
    direction: 'above',
    defaults: limits(1, 5),
    value: (m) => m.breaches.total,
    details: (m) => [
      count('first', m.breaches.firstResponse, { list: 'breaches', clock: 'firstResponse' }),
      count('next', m.breaches.nextResponse, { list: 'breaches', clock: 'nextResponse' }),
      count('res.', m.breaches.resolution, { list: 'breaches', clock: 'resolution' }),
    ],
    history: { kind: 'trend', of: (t) => t.breaches, emptyIsZero: true },
    drill: { list: 'breaches', clock: null },
  },
  {
    key: 'atRisk',
    title: 'At risk now',
    unit: 'count',
    direction: 'above',
    defaults: limits(1, 10),
    value: (m) => m.now.atRisk,
    history: { kind: 'gauge' },
    drill: { list: 'atRisk' },
  },
  {
    key: 'openBreached',
    title: 'Open breached now',
    unit: 'count',
    direction: 'above',
    defaults: limits(1, 5),
    value: (m) => m.now.openBreached,
    history: { kind: 'gauge' },
    drill: { list: 'openBreached' },
  },
  {
    key: 'backlog',
    title: 'Backlog now',
    unit: 'count',
    direction: 'above',
    defaults: limits(null, null),
    value: (m) => m.now.backlog.total,
    details: (m) => [
      count('new', m.now.backlog.new, { list: 'backlog', status: 'new' }),
      count('open', m.now.backlog.open, { list: 'backlog', status: 'open' }),
      count('pending', m.now.backlog.pending, { list: 'backlog', status: 'pending' }),
      count('on hold', m.now.backlog.on_hold, { list: 'backlog', status: 'on_hold' }),
    ],
    history: { kind: 'gauge' },
    drill: { list: 'backlog', status: null },
    wide: true,
  },
  {
    key: 'firstResponseP50',
    title: 'First reply p50',
    unit: 'duration',
    direction: 'above',
    defaults: limits(30 * 60, 2 * HOUR),
    value: (m) => m.firstResponseTime.p50,
    details: (m) => [count('replies', m.firstResponseTime.count)],
    history: { kind: 'trend', of: (t) => t.firstResponseP50 },
  },
  {
    key: 'firstResponseP90',
    title: 'First reply p90',
    unit: 'duration',
    direction: 'above',
    defaults: limits(HOUR, 4 * HOUR),
    value: (m) => m.firstResponseTime.p90,
    details: (m) => [count('replies', m.firstResponseTime.count)],
    history: { kind: 'trend', of: (t) => t.firstResponseP90 },
  },
  {
    key: 'resolutionP90',
    title: 'Resolution p90',
    unit: 'duration',
    direction: 'above',
    defaults: limits(24 * HOUR, 72 * HOUR),
    value: (m) => m.resolutionTime.p90,
    details: (m) => [count('solved', m.resolutionTime.count)],
    history: { kind: 'trend', of: (t) => t.resolutionP90 },
  },
  {
    key: 'volumeIn',
    title: 'Tickets in',
    unit: 'count',
    direction: 'above',
    defaults: limits(null, null),
    value: (m) => m.volume.created,
    note: 'created',
    history: { kind: 'trend', of: (t) => t.created, emptyIsZero: true },
  },
  {
    key: 'volumeOut',
    title: 'Tickets out',
    unit: 'count',
    direction: 'below',
    defaults: limits(null, null),
    value: (m) => m.volume.solved,
    details: (m) => [count('replies', m.volume.replies)],
    history: { kind: 'trend', of: (t) => t.solved, emptyIsZero: true },
  },
  {
    key: 'fcr',
    title: 'FCR',
    unit: 'percent',
    direction: 'below',
    defaults: limits(0.7, 0.5),
    value: (m) => m.fcrRate,
    details: (m) => [count('solved', m.volume.solved)],
    history: { kind: 'trend', of: (t) => t.fcrRate },
  },
  {
    key: 'csat',
    title: 'CSAT',
    unit: 'percent',
    direction: 'below',
    defaults: limits(0.85, 0.7),
    value: (m) => m.csat.share,
    details: (m) => [
      { label: 'mean', value: `${formatMean(m.csat.mean)} / 5` },
      count('surveys', m.csat.count),
    ],
    history: { kind: 'trend', of: (t) => t.csatShare },
  },
  {
    key: 'nps',
    title: 'NPS',
    unit: 'nps',
    direction: 'below',
    defaults: limits(30, 0),
    value: (m) => m.nps.score,
    details: (m) => [count('surveys', m.nps.count)],
    history: { kind: 'trend', of: (t) => t.nps },
  },
  {
    key: 'quality',
    title: 'Service quality',
    unit: 'score',
    direction: 'below',
    defaults: limits(80, 60),
    value: (m) => m.qualityScore,
    note: 'out of 100',
    history: { kind: 'trend', of: (t) => t.qualityScore },
  },
];
