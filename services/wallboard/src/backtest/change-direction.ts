import type { OutcomeName, Outcomes } from '../api/backtest-report';

/** Which way a figure moved for the people it serves. `unknown`: one side has no figure. */
export type ChangeDirection = 'better' | 'worse' | 'same' | 'unknown';

/** Attainment after minus before, in percentage points, and which way that is. */
export function attainmentChange(
  before: Outcomes,
  after: Outcomes,
): { readonly points: number | null; readonly direction: ChangeDirection } {
  if (before.attainment === null || after.attainment === null)
    return { points: null, direction: 'unknown' };
  const points = (after.attainment - before.attainment) * 100;
  return { points, direction: points > 0 ? 'better' : points < 0 ? 'worse' : 'same' };
}

/**
 * Which way one clock's outcome moved. A breach is what counts: gaining one is worse,
 * losing one better; met and no outcome (the clock not targeted, or still running at the
 * window's end) are neither better nor worse than each other.
 */
export function outcomeDirection(before: OutcomeName, after: OutcomeName): ChangeDirection {
  if (before === after) return 'same';
  if (after === 'breached') return 'worse';
  if (before === 'breached') return 'better';
  return 'same';
}
