import { EVENT_TYPES, type SurveyKind } from '../contract/vocabulary.js';
import type { EventDataByType } from '../contract/ticket-event.js';
import type { CompactEvent } from '../ticket/compact-event.js';
import type { TicketState } from '../ticket/ticket-state.js';
import type { Instant } from '../time/instant.js';
import { isLowScore } from './low-score.js';

/**
 * One low survey of a ticket and where it belongs: on the follow-up list (`listed`), or
 * off it (the ticket was deleted). `key` names the survey among the ticket's (its event's
 * compact key), so a re-survey is an entry of its own and a repeated event the same one.
 */
export interface FollowUpListing {
  readonly kind: SurveyKind;
  readonly score: number;
  /** The survey's event time: the list's order, and what the retention counts from. */
  readonly at: Instant;
  readonly key: string;
  readonly listed: boolean;
}

const SURVEYED = EVENT_TYPES.indexOf('ticket.surveyed');

/**
 * The follow-up listings of a ticket as it now stands: every low survey (`isLowScore`)
 * of its state is listed. Taken from the state, not from the new events, so a replayed
 * write lists the same entries again (the store's writes are idempotent). Surveys at or
 * before `cutoff` (now less the list's retention) are not listed: the store trims them,
 * and must not list them again when the ticket changes.
 *
 * A deleted ticket leaves every list (docs/events.md): then every low survey event of its
 * `history` is taken off, folded or not, since a late deletion that comes before a survey
 * leaves that survey out of the state although it was listed before.
 */
export function followUpListing(
  state: TicketState,
  history: readonly CompactEvent[],
  cutoff: Instant,
): FollowUpListing[] {
  const out: FollowUpListing[] = [];
  if (state.deleted) {
    for (const [type, at, , key, data] of history) {
      if (type !== SURVEYED) continue;
      const { kind, score } = data as EventDataByType['ticket.surveyed'];
      if (isLowScore(kind, score)) out.push({ kind, score, at, key, listed: false });
    }
    return out;
  }
  for (const { kind, score, at, key } of state.surveys)
    if (isLowScore(kind, score) && at > cutoff) out.push({ kind, score, at, key, listed: true });
  return out;
}
