import type { BusinessCalendar } from '../calendar/business-calendar.js';

/** Finds a calendar by id; the policy set guarantees every referenced id exists. */
export type CalendarLookup = (id: string) => BusinessCalendar;
