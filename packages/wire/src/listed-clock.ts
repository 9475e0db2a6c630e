import type { ClockKind } from './clock-kind.js';

/**
 * A clock on one of the live lists (at risk, breaches). `at` is the deadline on the
 * at-risk list (null for a paused clock, which has none) and the breach instant on the
 * breach list; `-` in a text field means "no value".
 */
export interface ListedClock {
  readonly ticketId: string;
  readonly clock: ClockKind;
  readonly cycle: number;
  readonly at: string | null;
  readonly team: string;
  readonly queue: string;
  readonly priority: string;
  readonly policy: string;
  /** Always sent by the gateway (`-` when unassigned); optional so a reader tolerates its absence. */
  readonly assignee?: string;
  /** Absent means running. */
  readonly state?: 'running' | 'paused';
  /** Business seconds left, frozen while paused. */
  readonly remainingSeconds?: number;
}

/** Identifies a clock across updates of a list. */
export const clockKey = (c: Pick<ListedClock, 'ticketId' | 'clock' | 'cycle'>): string =>
  `${c.ticketId}|${c.clock}|${c.cycle}`;
