import type { ClockKind } from '@slawatch/wire';

const SHORT_NAMES: Record<ClockKind, string> = {
  firstResponse: 'First reply',
  nextResponse: 'Next reply',
  resolution: 'Resolution',
  periodicUpdate: 'Update',
  pausableUpdate: 'Update (pausable)',
  requesterWait: 'Requester wait',
  agentWork: 'Agent work',
};

/** The short column name of a clock kind; an unknown kind is shown as sent. */
export const clockName = (kind: string): string =>
  (SHORT_NAMES as Record<string, string | undefined>)[kind] ?? kind;
