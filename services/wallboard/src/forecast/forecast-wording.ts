import type { ForecastAnswer, ForecastClock } from '../api/forecast-answer';
import { formatCount } from '../format/format-number';
import { orDash } from '../format/or-dash';

/** Where the clock stands in its team's queue; empty when it waits for no reply. */
export const aheadText = (ahead: number | null): string =>
  ahead === null ? '' : `${formatCount(ahead)} ahead`;

/** Whose history a probability was read from, for the row's tooltip. */
export function basisNote(
  c: Pick<ForecastClock, 'basis' | 'samples' | 'team' | 'priority'>,
): string {
  const whose =
    c.basis === 'team'
      ? `team ${orDash(c.team ?? undefined)}`
      : c.basis === 'priority'
        ? `${c.priority} priority`
        : c.basis === 'all'
          ? 'every team'
          : c.basis;
  return `From ${formatCount(c.samples)} recent durations of ${whose}`;
}

/** "the hour", or the gateway's own horizon when it was set to another. */
export const horizonText = (minutes: number): string =>
  minutes === 60 ? 'the hour' : `${formatCount(minutes)} minutes`;

/** What the list leaves out, said under it: the limit's cut, and the gateway's. */
export function forecastNotes(answer: ForecastAnswer): string[] {
  const notes: string[] = [];
  if (answer.total > answer.clocks.length)
    notes.push(
      `Showing the ${formatCount(answer.clocks.length)} most likely of ${formatCount(answer.total)}.`,
    );
  if (answer.truncated)
    notes.push(
      `More tickets were due than the gateway reads${answer.scanned === null ? '' : ` (${formatCount(answer.scanned)})`}: some clocks may be missing.`,
    );
  return notes;
}
