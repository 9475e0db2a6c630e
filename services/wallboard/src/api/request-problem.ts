/** A problem the gateway names by its path (`policies[0].targets.firstResponse`, `body.from`). */
export interface RequestProblem {
  readonly path: string;
  readonly message: string;
}

/** The well-formed problems of an answer's `problems` field; anything else is dropped. */
export function readProblems(value: unknown): RequestProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) return [];
    const { path, message } = p as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}
