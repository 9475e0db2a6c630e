import type { MetricValues } from '@slawatch/core';
import { CLOCK_KINDS, type ClockKind, type OpenStatus } from '@slawatch/wire';

/** A finished clock's outcome, as `GET /api/v1/outcomes` names it. */
export type Outcome = 'met' | 'breached';

/**
 * The list behind a count (docs/api.md, "Drill-down"): what a tile, one of its small
 * figures or an agent's cell opens. A null narrowing is "all of them" (every open status,
 * every clock kind, both outcomes).
 */
export type DrillTarget =
  | { readonly list: 'backlog'; readonly status: OpenStatus | null }
  | { readonly list: 'openBreached' }
  | { readonly list: 'atRisk' }
  | { readonly list: 'breaches'; readonly clock: ClockKind | null }
  | {
      readonly list: 'outcomes';
      readonly clock: ClockKind | null;
      readonly outcome: Outcome | null;
    };

export type DrillList = DrillTarget['list'];

/** Whether the list is of the window (from its start) rather than of now. */
export const isWindowed = (target: DrillTarget): boolean =>
  target.list === 'breaches' || target.list === 'outcomes';

/** Whether each row is a clock (a ticket may then be listed once per clock). */
export const isOfClocks = (target: DrillTarget): boolean =>
  target.list === 'atRisk' || target.list === 'breaches' || target.list === 'outcomes';

/**
 * The count the list is behind, as the figures say it, so the dialog can say "the first
 * 100 of 250"; null where no one figure counts the rows (met clocks: attainment is a rate).
 */
export function drillCount(target: DrillTarget, values: MetricValues | null): number | null {
  if (values === null) return null;
  try {
    switch (target.list) {
      case 'backlog':
        return finite(values.now.backlog[target.status ?? 'total']);
      case 'openBreached':
        return finite(values.now.openBreached);
      case 'atRisk':
        return finite(values.now.atRisk);
      case 'breaches':
        return finite(values.breaches[target.clock ?? 'total']);
      case 'outcomes':
        return target.outcome === 'breached'
          ? finite(values.breaches[target.clock ?? 'total'])
          : null;
    }
  } catch {
    // A gateway of another version without the figure: the list is shown without it.
    return null;
  }
}

const finite = (value: number | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** The kinds every document has figures of; the further ones only where a policy targets them. */
const BASE_KINDS: readonly ClockKind[] = ['firstResponse', 'nextResponse', 'resolution'];

/** The clock kinds a list of clocks may be narrowed to: those the figures have. */
export function clockChoices(values: MetricValues | null): readonly ClockKind[] {
  const attainment = (values?.attainment ?? {}) as Readonly<Record<string, unknown>>;
  return CLOCK_KINDS.filter((kind) => BASE_KINDS.includes(kind) || attainment[kind] !== undefined);
}
