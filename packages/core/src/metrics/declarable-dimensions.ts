/** The dimensions whose values producers choose, and that can be declared. */
export const DECLARABLE_DIMENSIONS = ['team', 'queue', 'customerTier', 'assignee'] as const;
export type DeclarableDimension = (typeof DECLARABLE_DIMENSIONS)[number];
