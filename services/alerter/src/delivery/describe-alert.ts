import type { ClockKind } from '@slawatch/core';
import { wellFormed } from './well-formed.js';

/** Each clock as messages name it. */
export const CLOCK_NAME: Readonly<Record<ClockKind, string>> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
  periodicUpdate: 'periodic update',
  pausableUpdate: 'pausable update',
  requesterWait: 'requester wait',
  agentWork: 'agent work',
};

/** The ticket's page (`alerting.ticketUrl` with `{ticketId}` filled in), or null. */
export const ticketLink = (ticketUrl: string | null, ticketId: string): string | null =>
  ticketUrl === null
    ? null
    : ticketUrl.replace('{ticketId}', encodeURIComponent(wellFormed(ticketId)));
