/**
 * The dotted paths of an answer's leaves (`volume.created`, `now.backlog.total`). CSV
 * columns are named by these paths and read through them, so a column's name is the JSON
 * field it holds and `tsc` rejects a column no answer has.
 */
export type LeafPath<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends object
    ? `${K}.${LeafPath<NonNullable<T[K]>>}`
    : K;
}[keyof T & string];

/** The value at `path` in `answer`; undefined where a step is missing. */
export function leafAt(answer: object, path: string): unknown {
  let at: unknown = answer;
  for (const key of path.split('.'))
    at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** True when the columns `C` name every leaf of `T`; false names a figure with no column. */
export type CoversLeaves<T, C> = [Exclude<LeafPath<T>, C>] extends [never] ? true : false;

/** A compile-time check: `Holds<false>` is a type error on its line. */
export type Holds<T extends true> = T;
