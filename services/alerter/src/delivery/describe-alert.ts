import { CLOCK_NAME, type Notification } from '@slawatch/core';
import { wellFormed } from './well-formed.js';

/** Each clock as messages name it (core's, so reports and alerts say the same). */
export { CLOCK_NAME };

/** The ticket's page (`alerting.ticketUrl` with `{ticketId}` filled in), or null. */
export const ticketLink = (ticketUrl: string | null, ticketId: string): string | null =>
  ticketUrl === null
    ? null
    : ticketUrl.replace('{ticketId}', encodeURIComponent(wellFormed(ticketId)));

/** Each survey kind's top score: a CSAT is of 5, an NPS of 10 (docs/events.md). */
const OUT_OF = { csat: 5, nps: 10 } as const;

/** A feedback alert's survey as people read it: `CSAT 2/5`, `NPS 6/10`. */
export const surveyScore = (f: NonNullable<Notification['feedback']>): string =>
  `${f.kind.toUpperCase()} ${f.score}/${OUT_OF[f.kind]}`;
