import type { ClockKind } from '../contract/vocabulary.js';
import type { Instant } from '../time/instant.js';

export type AlertType =
  'sla.at_risk' | 'sla.breached' | 'sla.reminder' | 'sla.resolved' | 'sla.corrected';

/**
 * A change in a clock's alert status that must be announced once (docs/alerts.md,
 * `sla.alerts`). `mark` names it stably within the ticket (`firstResponse:1:breached`,
 * `resolution:1:at_risk:0.75`, `firstResponse:1:reminder:1800000`, `firstResponse:1:resolved`,
 * `firstResponse:1:resolved@<instant>` for a pause): the shell records marks so that a transition is announced
 * once however often it is computed, by the tracker after an event or by the alerter when
 * a timer fires.
 */
export interface AlertTransition {
  readonly type: AlertType;
  readonly mark: string;
  readonly ticketId: string;
  readonly clock: ClockKind;
  readonly cycle: number;
  /** When it happened: the deadline for a breach, the crossing for at-risk. */
  readonly time: Instant;
  readonly deadline: Instant | null;
  readonly threshold?: number;
  /** For reminders: how long after the breach (ms). */
  readonly after?: number;
}

/** The mark of a transition: `<clock>:<cycle>:<what>` (`what` e.g. `breached`, `at_risk:0.75`). */
export const alertMark = (clock: ClockKind, cycle: number, what: string): string =>
  `${clock}:${cycle}:${what}`;
