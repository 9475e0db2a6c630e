/**
 * The SLA clocks, as the API and live stream name them (the last four only where a policy
 * targets them). Core keeps its own list for the domain (wire imports nothing); the
 * gateway checks at compile time that both agree.
 */
export const CLOCK_KINDS = [
  'firstResponse',
  'nextResponse',
  'resolution',
  'periodicUpdate',
  'pausableUpdate',
  'requesterWait',
  'agentWork',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
