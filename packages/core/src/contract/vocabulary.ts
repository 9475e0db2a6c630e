/** The closed vocabularies of the events contract (docs/events.md, "Types"). */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['email', 'chat', 'phone', 'web', 'social', 'api', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** Statuses in which a ticket is still being worked on (the backlog). */
export const OPEN_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

export const AUTHORS = ['agent', 'customer', 'system'] as const;
export type Author = (typeof AUTHORS)[number];

export const SURVEY_KINDS = ['csat', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.assigned',
  'ticket.commented',
  'ticket.status_changed',
  'ticket.escalated',
  'ticket.surveyed',
  'ticket.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

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

/** The kinds kept only where a policy targets them (docs/events.md, "Further clocks"). */
export const FURTHER_CLOCK_KINDS = [
  'periodicUpdate',
  'pausableUpdate',
  'requesterWait',
  'agentWork',
] as const satisfies readonly ClockKind[];
export type FurtherClockKind = (typeof FURTHER_CLOCK_KINDS)[number];
