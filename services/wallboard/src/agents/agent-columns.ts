import type { MetricValues } from '@slawatch/core';
import type { DrillTarget } from '../drill-down/drill-target';
import type { FigureUnit } from '../tiles/figure-unit';

/** The Agents table's figure columns, by a stable key (also `data-column`). */
export const AGENT_COLUMN_KEYS = [
  'open',
  'replies',
  'solved',
  'firstResponseP50',
  'firstResponseP90',
  'attainment.firstResponse',
  'attainment.nextResponse',
  'attainment.resolution',
  'attainment.overall',
  'breaches',
  'fcr',
  'csat',
] as const;
export type AgentColumnKey = (typeof AGENT_COLUMN_KEYS)[number];

export interface AgentColumn {
  readonly key: AgentColumnKey;
  /** Short, as the heading shows it. */
  readonly heading: string;
  /** In full, for a tooltip and a screen reader. */
  readonly title: string;
  readonly unit: FigureUnit;
  readonly value: (m: MetricValues) => number | null | undefined;
  /** The tickets behind the count, which its cell opens. */
  readonly drill?: DrillTarget;
}

/** What a lead reads of each agent: load, output, speed, the SLA, customers. */
export const AGENT_COLUMNS: readonly AgentColumn[] = [
  {
    key: 'open',
    heading: 'Open now',
    title: 'Tickets assigned and open now (the backlog)',
    unit: 'count',
    value: (m) => m.now.backlog.total,
    drill: { list: 'backlog', status: null },
  },
  {
    key: 'replies',
    heading: 'Replies',
    title: 'Public replies in the window',
    unit: 'count',
    value: (m) => m.volume.replies,
  },
  {
    key: 'solved',
    heading: 'Solved',
    title: 'Tickets solved in the window (solved or closed now)',
    unit: 'count',
    value: (m) => m.volume.solved,
  },
  {
    key: 'firstResponseP50',
    heading: 'First reply p50',
    title: 'First reply time, median',
    unit: 'duration',
    value: (m) => m.firstResponseTime.p50,
  },
  {
    key: 'firstResponseP90',
    heading: 'First reply p90',
    title: 'First reply time, 90th percentile',
    unit: 'duration',
    value: (m) => m.firstResponseTime.p90,
  },
  {
    key: 'attainment.firstResponse',
    heading: 'First reply SLA',
    title: 'First reply SLA attainment',
    unit: 'percent',
    value: (m) => m.attainment.firstResponse,
  },
  {
    key: 'attainment.nextResponse',
    heading: 'Next reply SLA',
    title: 'Next reply SLA attainment',
    unit: 'percent',
    value: (m) => m.attainment.nextResponse,
  },
  {
    key: 'attainment.resolution',
    heading: 'Resolution SLA',
    title: 'Resolution SLA attainment',
    unit: 'percent',
    value: (m) => m.attainment.resolution,
  },
  {
    key: 'attainment.overall',
    heading: 'Overall SLA',
    title: 'SLA attainment over every clock',
    unit: 'percent',
    value: (m) => m.attainment.overall,
  },
  {
    key: 'breaches',
    heading: 'Breaches',
    title: 'Breaches in the window, every clock',
    unit: 'count',
    value: (m) => m.breaches.total,
    drill: { list: 'breaches', clock: null },
  },
  {
    key: 'fcr',
    heading: 'FCR',
    title: 'First contact resolution',
    unit: 'percent',
    value: (m) => m.fcrRate,
  },
  {
    key: 'csat',
    heading: 'CSAT',
    title: 'CSAT, the satisfied share',
    unit: 'percent',
    value: (m) => m.csat.share,
  },
];
