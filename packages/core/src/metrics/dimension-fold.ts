import type { Policy } from '../policy/policy.js';
import type { TicketState } from '../ticket/ticket-state.js';
import { DECLARABLE_DIMENSIONS, type DeclarableDimension } from './declarable-dimensions.js';
import type { MetricsSettings } from './metrics-settings.js';

/** The value undeclared values of a declared dimension are counted under. */
export const OTHER = 'other';

export { DECLARABLE_DIMENSIONS, type DeclarableDimension };

/**
 * For each declared dimension, the values it keeps: those listed under
 * `metrics.dimensionValues`, and those policies match on (`match.team`, `match.queue`,
 * `match.customerTier`). Every other value of that dimension counts as `other`, so
 * producers cannot mint metric buckets, Prometheus series or picker entries at will.
 * The tracker adds the undeclared dimensions with the values admitted under the cap
 * `metrics.valuesPerDimension` (withAdmitted).
 */
export type DimensionFold = ReadonlyMap<DeclarableDimension, ReadonlySet<string>>;

export function dimensionFold(
  metrics: MetricsSettings,
  policies: readonly Policy[],
): DimensionFold {
  const fold = new Map<DeclarableDimension, ReadonlySet<string>>();
  for (const dimension of DECLARABLE_DIMENSIONS) {
    const listed = metrics.dimensionValues[dimension];
    if (listed === undefined) continue;
    const matched = policies.flatMap((p) =>
      dimension === 'assignee' ? [] : (p.match[dimension] ?? []),
    );
    fold.set(dimension, new Set([...listed, ...matched]));
  }
  return fold;
}

/** `value` as a declared dimension counts it (`other` when it is not declared). */
export const foldValue = (
  fold: DimensionFold,
  dimension: DeclarableDimension,
  value: string,
): string => {
  const kept = fold.get(dimension);
  return kept === undefined || kept.has(value) ? value : OTHER;
};

/** A ticket's values of the dimensions `fold` does not bound yet: what the cap decides on. */
export function valuesToAdmit(
  t: TicketState,
  fold: DimensionFold,
): [DeclarableDimension, string][] {
  const f = t.fields;
  const raw: [DeclarableDimension, string | undefined][] = [
    ['team', f.team],
    ['queue', f.queue],
    ['customerTier', f.customerTier],
    ['assignee', f.assigneeId],
  ];
  return raw.filter(
    (e): e is [DeclarableDimension, string] => e[1] !== undefined && !fold.has(e[0]),
  );
}

/** `fold` with the undeclared dimensions bounded to the values `admitted` for each. */
export const withAdmitted = (
  fold: DimensionFold,
  admitted: ReadonlyMap<DeclarableDimension, ReadonlySet<string>>,
): DimensionFold => new Map([...admitted, ...fold]);
