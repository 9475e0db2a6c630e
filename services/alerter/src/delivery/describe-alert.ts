import { wellFormed } from './well-formed.js';

/** Each clock as messages name it (core's, so reports and alerts say the same). */
export { CLOCK_NAME } from '@slawatch/core';

/** The ticket's page (`alerting.ticketUrl` with `{ticketId}` filled in), or null. */
export const ticketLink = (ticketUrl: string | null, ticketId: string): string | null =>
  ticketUrl === null
    ? null
    : ticketUrl.replace('{ticketId}', encodeURIComponent(wellFormed(ticketId)));
