/** Rounds before giving up: keys that keep changing under a batch are a fault, not a race. */
const MAX_ATTEMPTS = 20;

/**
 * Runs `step` on what is pending until nothing is; `step` returns what it is done with
 * (with what it yields for it) and leaves in `again` what must be read again, because
 * someone changed it since it was read (the metric scripts' compare-and-set).
 */
export async function retryPending<T, R>(
  items: readonly T[],
  step: (pending: readonly T[]) => Promise<{ done: R[]; again: T[] }>,
): Promise<R[]> {
  const done: R[] = [];
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new Error(`metric keys kept changing (${pending.length})`);
    const round = await step(pending);
    done.push(...round.done);
    pending = round.again;
  }
  return done;
}
