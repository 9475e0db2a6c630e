import type { ClockKind } from './vocabulary.js';

/** Each clock kind as messages and reports name it, in words. */
export const CLOCK_NAME: Readonly<Record<ClockKind, string>> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
  periodicUpdate: 'periodic update',
  pausableUpdate: 'pausable update',
  requesterWait: 'requester wait',
  agentWork: 'agent work',
};
