/**
 * Reads a figure out of the server's data, or null when the data lacks it (a gateway of
 * another version, a field left out): a missing field shows "—", it does not blank the board.
 */
export function readFigure<T>(
  read: (from: T) => number | null | undefined,
  from: T,
): number | null {
  try {
    const value = read(from);
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whether the answer has the figure at all (a further clock's attainment may be absent). */
export function hasFigure<T>(read: (from: T) => number | null | undefined, from: T): boolean {
  try {
    return read(from) !== undefined;
  } catch {
    return false;
  }
}
