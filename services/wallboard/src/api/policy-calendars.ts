import {
  ALWAYS_OPEN_CALENDAR_ID,
  alwaysOpenCalendar,
  compileCalendar,
  type BusinessCalendar,
  type CalendarSpec,
} from '@slawatch/core';

/** The part of `GET /api/v1/policies` the board needs. */
export interface PolicyDocumentJson {
  readonly calendars?: readonly CalendarSpec[];
  readonly policies?: readonly { readonly id: string; readonly calendar: string }[];
  /** The helpdesk's ticket page, `{ticketId}` standing for the id (docs/policies.md). */
  readonly alerting?: { readonly ticketUrl?: unknown };
}

/**
 * The business calendar of each policy, so a countdown ticks in the same business time
 * as the server's clocks. A calendar this browser cannot compile (a zone it does not know)
 * is left out: its policies' countdowns fall back to wall-clock time and say so.
 */
export function policyCalendars(doc: PolicyDocumentJson): Map<string, BusinessCalendar> {
  const calendars = new Map<string, BusinessCalendar>([
    [ALWAYS_OPEN_CALENDAR_ID, alwaysOpenCalendar],
  ]);
  for (const spec of doc.calendars ?? []) {
    try {
      calendars.set(spec.id, compileCalendar(spec));
    } catch {
      // Unknown zone in this browser: the policies using it show wall-clock time.
    }
  }
  const byPolicy = new Map<string, BusinessCalendar>();
  for (const policy of doc.policies ?? []) {
    const calendar = calendars.get(policy.calendar);
    if (calendar) byPolicy.set(policy.id, calendar);
  }
  return byPolicy;
}
