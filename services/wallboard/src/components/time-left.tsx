import type { Countdown } from '../countdown/countdown';
import { formatOpening } from '../format/format-clock-time';
import { formatCountdown } from '../format/format-countdown';

function stateText(c: Countdown, at: number): string {
  switch (c.state) {
    case 'running':
      return '';
    case 'paused':
      return 'paused';
    case 'breaching':
      return 'breaching';
    case 'out-of-hours':
      return c.opensAt === null
        ? 'out of hours'
        : `out of hours · opens ${formatOpening(c.opensAt, at)}`;
  }
}

function wallTimeNote(policy: string | null, calendarsLoaded: boolean): string {
  if (!calendarsLoaded) return 'Wall-clock time: the business calendars are not loaded yet';
  if (policy === null) return 'Wall-clock time: the clock names no policy';
  return `Wall-clock time: policy ${policy} has no calendar known to this page`;
}

/**
 * A list's "time left" cell: the countdown in the business time of the clock's policy, and
 * what it means when it stands still (out of hours, paused) or has run out.
 */
export function TimeLeft({
  countdown: c,
  at,
  policy,
  calendarsLoaded,
}: {
  readonly countdown: Countdown;
  readonly at: number;
  readonly policy: string | null;
  readonly calendarsLoaded: boolean;
}) {
  const state = stateText(c, at);
  return (
    <td class="time-left" title={c.wallTime ? wallTimeNote(policy, calendarsLoaded) : undefined}>
      <span data-countdown="">{c.remainingMs === null ? '—' : formatCountdown(c.remainingMs)}</span>
      {c.wallTime && c.state !== 'paused' && <span class="wall-time"> wall time</span>}
      {state && <span class="row-state"> {state}</span>}
    </td>
  );
}
