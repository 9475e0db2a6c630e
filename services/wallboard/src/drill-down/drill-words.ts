import type { OpenStatus } from '@slawatch/wire';
import { clockName } from '../api/clock-kind';
import { formatAgo } from '../format/format-ago';
import { formatShortTime } from '../format/format-clock-time';
import { formatDuration } from '../format/format-duration';
import { formatCount } from '../format/format-number';
import { isOfClocks, isWindowed, type DrillTarget, type Outcome } from './drill-target';

/** An open status as people write it. */
export const statusLabel = (status: string): string => (status === 'on_hold' ? 'on hold' : status);

export const STATUS_CHOICES: readonly {
  readonly value: OpenStatus | null;
  readonly label: string;
}[] = [
  { value: null, label: 'Every open status' },
  { value: 'new', label: 'New' },
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'on_hold', label: 'On hold' },
];

export const OUTCOME_CHOICES: readonly {
  readonly value: Outcome | null;
  readonly label: string;
}[] = [
  { value: null, label: 'Met and breached' },
  { value: 'met', label: 'Met' },
  { value: 'breached', label: 'Breached' },
];

/** What the list is, as the dialog's title says it ("Breaches · First reply"). */
export function listTitle(target: DrillTarget): string {
  switch (target.list) {
    case 'backlog':
      return target.status === null ? 'Backlog now' : `Backlog now · ${statusLabel(target.status)}`;
    case 'openBreached':
      return 'Open breached now';
    case 'atRisk':
      return 'At risk now';
    case 'breaches':
      return target.clock === null ? 'Breaches' : `Breaches · ${clockName(target.clock)}`;
    case 'outcomes': {
      const kind = target.clock === null ? 'every clock' : clockName(target.clock);
      const outcome =
        target.outcome === null
          ? 'met and breached'
          : target.outcome === 'met'
            ? 'met'
            : 'breached';
      return `SLA · ${kind} · ${outcome}`;
    }
  }
}

/** The order the gateway answers the list in, in words. */
export function listOrder(target: DrillTarget): string {
  switch (target.list) {
    case 'backlog':
    case 'openBreached':
      return 'oldest first';
    case 'atRisk':
      return 'soonest deadline first';
    case 'breaches':
    case 'outcomes':
      return 'newest first';
  }
}

/** The heading of the status or outcome column; null where the list has none. */
export function stateHeading(target: DrillTarget): string | null {
  return target.list === 'backlog' ? 'Status' : target.list === 'outcomes' ? 'Outcome' : null;
}

/** The heading of the time column: what each row's instant is. */
export function whenHeading(target: DrillTarget): string {
  switch (target.list) {
    case 'backlog':
      return 'Counted since';
    case 'openBreached':
      return 'Breached since';
    case 'atRisk':
      return 'Deadline';
    case 'breaches':
      return 'Breached';
    case 'outcomes':
      return 'Finished';
  }
}

/**
 * A row's instant relative to now: "12 min ago", or for a deadline still ahead
 * "in 4m 12s"; a deadline past shows "due now" (the breach is on its way).
 */
export function whenText(target: DrillTarget, at: number | null, now: number): string {
  if (at === null) return target.list === 'atRisk' ? 'paused' : '—';
  if (target.list === 'atRisk')
    return at > now ? `in ${formatDuration((at - now) / 1000)}` : 'due now';
  return formatAgo(now - at);
}

/** What the body says when the list is empty. */
export function emptyText(target: DrillTarget): string {
  switch (target.list) {
    case 'backlog':
      return 'No open ticket here.';
    case 'openBreached':
      return 'No open ticket with a breached clock.';
    case 'atRisk':
      return 'No clock at risk.';
    case 'breaches':
      return 'No breach since the window started.';
    case 'outcomes':
      return 'No clock finished since the window started.';
  }
}

/**
 * How much of the list is shown: "12 tickets, oldest first.", or while there may be more
 * "The first 100 of 250 tickets, oldest first." (`count`: the figure the list is behind,
 * when one counts it).
 */
export function listCaption(
  target: DrillTarget,
  shown: number,
  more: boolean,
  count: number | null,
): string {
  const noun = isOfClocks(target) ? 'clock' : 'ticket';
  const nouns = (n: number) => `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
  const order = listOrder(target);
  if (!more) return `${nouns(shown)}, ${order}.`;
  const of = count !== null && count > shown ? ` of ${formatCount(count)}` : '';
  return `The first ${formatCount(shown)}${of} ${noun}s, ${order}.`;
}

/**
 * Where a list of the window starts: the window's start, or later when the gateway keeps
 * less than the window (finished clocks are kept for a day at most: docs/api.md). Empty
 * for the lists of now.
 */
export function windowNote(target: DrillTarget, since: number | null, from: number | null): string {
  if (!isWindowed(target) || since === null) return '';
  // `from` is to the minute, as the lists are.
  if (from !== null && from > since + 60_000)
    return `Listed from ${formatShortTime(from)}: the gateway keeps finished clocks for a shorter span than this window, so the earlier ones are counted but not listed.`;
  return `Since ${formatShortTime(since)}, the window's start.`;
}
