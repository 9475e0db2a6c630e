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
export type DimensionFold = ReadonlyMap<AdmittedDimension, ReadonlySet<string>>;

/**
 * What the cap admits values of: the declarable dimensions, and the team and agent pairs
 * of the agents view (metric-dimensions.ts, BUCKET_DIMENSIONS), which no policy declares:
 * a producer pairing 1,000 teams with 1,000 agents must not mint a million rows.
 */
export const ADMITTED_DIMENSIONS = [...DECLARABLE_DIMENSIONS, 'teamAssignee'] as const;
export type AdmittedDimension = (typeof ADMITTED_DIMENSIONS)[number];

/** A raw team and assignee as the cap admits their pair (either may be absent). */
export const pairKey = (team: string | undefined, assignee: string | undefined): string =>
  JSON.stringify([team ?? null, assignee ?? null]);

/**
 * Whether a ticket's agent is kept in its team's agents view: yes when it has neither team
 * nor assignee, or when the cap admitted its pair (or no cap was asked, as in the pure
 * runs); no, and it counts among the agents of the team `other`, when the cap refused it.
 */
export function foldPair(
  fold: DimensionFold,
  team: string | undefined,
  assignee: string | undefined,
): boolean {
  if (team === undefined && assignee === undefined) return true;
  const kept = fold.get('teamAssignee');
  return kept === undefined || kept.has(pairKey(team, assignee));
}

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
export function valuesToAdmit(t: TicketState, fold: DimensionFold): [AdmittedDimension, string][] {
  const f = t.fields;
  const raw: [AdmittedDimension, string | undefined][] = [
    ['team', f.team],
    ['queue', f.queue],
    ['customerTier', f.customerTier],
    ['assignee', f.assigneeId],
    [
      'teamAssignee',
      f.team === undefined && f.assigneeId === undefined
        ? undefined
        : pairKey(f.team, f.assigneeId),
    ],
  ];
  return raw.filter((e): e is [AdmittedDimension, string] => e[1] !== undefined && !fold.has(e[0]));
}

/** `fold` with the undeclared dimensions bounded to the values `admitted` for each. */
export const withAdmitted = (
  fold: DimensionFold,
  admitted: ReadonlyMap<AdmittedDimension, ReadonlySet<string>>,
): DimensionFold => new Map([...admitted, ...fold]);
