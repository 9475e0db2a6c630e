import type { ClockKind } from './clock-kind.js';

/** The statuses of an open ticket, as the backlog counts them. */
export const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/**
 * An open ticket behind a "now" count (the backlog by status, open breached tickets).
 * `since` is when slawatch first counted it so (the batch that moved it there); `-` in a
 * text field means "no value".
 */
export interface ListedTicket {
  readonly ticketId: string;
  /** On the backlog list: the status it is counted under. */
  readonly status?: OpenStatus;
  readonly since: string;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  readonly assignee: string;
}

/** A clock that finished met or breached, behind an attainment or breach count. */
export interface ListedOutcome {
  readonly ticketId: string;
  readonly clock: ClockKind;
  readonly outcome: 'met' | 'breached';
  /** The minute it finished (met: stopped; breached: its deadline passed). */
  readonly at: string;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  readonly assignee: string;
}
